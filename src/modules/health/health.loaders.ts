import { EntityManager } from '@mikro-orm/postgresql';
import { byId, listBy } from '../../graphql/entity-loaders';
import { HealthCheck } from './health-check.entity';
import { HomeCareVisit } from './home-care-visit.entity';

/**
 * Request-scoped reads of health records (one IN query per batch). They return records without any access
 * check: only health.resolver.ts and node(id:) call them, after requireHealthAccess.
 */
export function createHealthLoaders(em: EntityManager) {
  return {
    checkById: byId(em, HealthCheck),
    visitById: byId(em, HomeCareVisit),
    checksByMember: listBy(em, HealthCheck, 'member', { checkedOn: 'desc', id: 'desc' }),
    visitsByVisited: listBy(em, HomeCareVisit, 'visited', { visitedOn: 'desc', id: 'desc' }),
    visitsByVolunteer: listBy(em, HomeCareVisit, 'volunteer', { visitedOn: 'desc', id: 'desc' }),
  };
}
