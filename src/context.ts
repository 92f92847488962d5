import { EntityManager } from '@mikro-orm/postgresql';
import { Logger } from './logger';
import { UnitDirectory } from './modules/admin-unit/unit-directory';
import { clubsByCommune } from './modules/club/club.loaders';

/** Everything one request may use: its own EntityManager, fresh DataLoaders, the unit directory. */
export interface HubContext {
  em: EntityManager;
  units: UnitDirectory;
  loaders: ReturnType<typeof createLoaders>;
  requestId: string;
  logger: Logger;
}

function createLoaders(em: EntityManager) {
  return {
    clubsByCommune: clubsByCommune(em),
  };
}

export function createContext(args: { em: EntityManager; units: UnitDirectory; requestId: string; logger: Logger }): HubContext {
  const em = args.em.fork();
  return { em, units: args.units, loaders: createLoaders(em), requestId: args.requestId, logger: args.logger };
}
