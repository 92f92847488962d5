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

/** An object whose properties are built on first read: a request pays only for the loaders it uses. */
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

/**
 * A request's context. The EntityManager fork and the loaders are built on first read, through getters on
 * the class (Apollo copies a context's own properties for each operation; getters there would be run).
 */
class RequestContext implements HubContext {
  private forked: EntityManager | undefined;
  private built: Loaders | undefined;

  constructor(
    private readonly rootEm: EntityManager,
    readonly viewer: Viewer,
    readonly access: Access,
    readonly units: UnitDirectory,
    readonly requestId: string,
    readonly clientAddress: string,
    readonly logger: Logger,
  ) {}

  get em(): EntityManager {
    return (this.forked ??= this.rootEm.fork());
  }

  get loaders(): Loaders {
    return (this.built ??= createLoaders(() => this.em, this.units));
  }
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
  return new RequestContext(args.em, viewer, new Access(viewer, args.units), args.units, args.requestId, args.clientAddress ?? 'local', args.logger);
}
