import { EntityManager } from '@mikro-orm/postgresql';
import { byId, listBy } from '../../graphql/entity-loaders';
import { SupervisionVisit } from './supervision-visit.entity';

/** Request-scoped reads of supervision visits: by id, and each club's visits (one IN query per batch). */
export function createSupervisionLoaders(em: EntityManager) {
  return {
    visitById: byId(em, SupervisionVisit),
    visitsByClub: listBy(em, SupervisionVisit, 'club', { visitedOn: 'desc', id: 'desc' }),
  };
}
