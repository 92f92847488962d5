import { EntityManager } from '@mikro-orm/postgresql';
import { Access } from './auth/access';
import { ANONYMOUS_VIEWER, Viewer } from './auth/viewer';
import { byId } from './graphql/entity-loaders';
import { Logger } from './logger';
import { UnitDirectory } from './modules/admin-unit/unit-directory';
import { unitStats } from './modules/admin-unit/unit-stats.loaders';
import { createAwardLoaders } from './modules/award/award.loaders';
import { createClubLoaders } from './modules/club/club.loaders';
import { createMeetingLoaders } from './modules/club/meeting.loaders';
import { createFundLoaders } from './modules/fund/fund.loaders';
import { createIndicatorLoaders } from './modules/indicator/indicator.loaders';
import { Target } from './modules/indicator/target.entity';
import { createMemberLoaders } from './modules/member/member.loaders';
import { createTrainingLoaders } from './modules/training/training.loaders';

/** Everything one request may use: its own EntityManager, fresh DataLoaders, the unit directory. */
export interface HubContext {
  em: EntityManager;
  viewer: Viewer;
  /** The viewer's rights, decided on unit paths. */
  access: Access;
  units: UnitDirectory;
  loaders: Loaders;
  requestId: string;
  /** The caller's address (rate limits without a key). */
  clientAddress: string;
  logger: Logger;
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * An object whose properties are built on first read: a request pays only for the loaders (and the
 * EntityManager fork) it uses, which is most of the fixed cost of a small query.
 */
function lazy<T extends object>(factories: { [K in keyof T]: () => T[K] }): T {
  const object = {} as T;
  for (const key of Object.keys(factories) as Array<keyof T>) {
    Object.defineProperty(object, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = factories[key]();
        Object.defineProperty(object, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return object;
}

function createLoaders(em: () => EntityManager, units: UnitDirectory) {
  return lazy({
    unitStats: () => unitStats(em(), units),
    clubs: () => createClubLoaders(em(), units),
    members: () => createMemberLoaders(em(), units),
    meetings: () => createMeetingLoaders(em()),
    funds: () => createFundLoaders(em()),
    training: () => createTrainingLoaders(em(), units),
    awards: () => createAwardLoaders(em(), units),
    targets: () => ({ targetById: byId(em(), Target) }),
    indicators: () => createIndicatorLoaders(em()),
  });
}

export function createContext(args: {
  em: EntityManager;
  units: UnitDirectory;
  requestId: string;
  logger: Logger;
  viewer?: Viewer;
  clientAddress?: string;
}): HubContext {
  const viewer = args.viewer ?? ANONYMOUS_VIEWER;
  let forked: EntityManager | undefined;
  const em = () => (forked ??= args.em.fork());
  const context = lazy<Pick<HubContext, 'em' | 'loaders'>>({ em, loaders: () => createLoaders(em, args.units) });
  return Object.assign(context, {
    viewer,
    access: new Access(viewer, args.units),
    units: args.units,
    requestId: args.requestId,
    clientAddress: args.clientAddress ?? 'local',
    logger: args.logger,
  });
}
