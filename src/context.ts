import { EntityManager } from '@mikro-orm/postgresql';
import { Admission } from './admission';
import { Access } from './auth/access';
import { CurrentSession, PeopleService } from './auth/people/people.service';
import { ANONYMOUS_VIEWER, Viewer } from './auth/viewer';
import { byId } from './graphql/entity-loaders';
import { Logger } from './logger';
import { UnitDirectory } from './modules/admin-unit/unit-directory';
import { unitStats } from './modules/admin-unit/unit-stats.loaders';
import { createAwardLoaders } from './modules/award/award.loaders';
import { createClubLoaders } from './modules/club/club.loaders';
import { createMeetingLoaders } from './modules/club/meeting.loaders';
import { createFundLoaders } from './modules/fund/fund.loaders';
import { createHealthLoaders } from './modules/health/health.loaders';
import { createIndicatorLoaders } from './modules/indicator/indicator.loaders';
import { Target } from './modules/indicator/target.entity';
import { createMemberLoaders } from './modules/member/member.loaders';
import { createSupervisionLoaders } from './modules/supervision/supervision.loaders';
import { createTrainingLoaders } from './modules/training/training.loaders';
import { createClubReportLoaders } from './modules/reporting/club-report.loaders';
import type { ChangeFeed } from './modules/live/change-feed';

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
  /** The process's budgets, heavy-request slots and analytics pool. */
  admission: Admission;
  /** People's accounts and sessions (absent outside the HTTP server). */
  people?: PeopleService;
  /** The signed-in person's session, when the request came with its cookie. */
  session?: CurrentSession;
  /** Committed writes, for subscriptions (present on WebSocket operations only). */
  changes?: ChangeFeed;
}

/**
 * A request's loaders, each group built on first use: a request pays only for the loaders it reads (getters
 * on the class, so nothing is defined per request).
 */
export class Loaders {
  private built: Partial<Record<string, unknown>> = {};

  constructor(
    private readonly em: () => EntityManager,
    private readonly units: UnitDirectory,
  ) {}

  private once<T>(name: string, build: () => T): T {
    return (this.built[name] ??= build()) as T;
  }

  get unitStats() {
    return this.once('unitStats', () => unitStats(this.em(), this.units));
  }
  get clubs() {
    return this.once('clubs', () => createClubLoaders(this.em(), this.units));
  }
  get members() {
    return this.once('members', () => createMemberLoaders(this.em(), this.units));
  }
  get meetings() {
    return this.once('meetings', () => createMeetingLoaders(this.em()));
  }
  get funds() {
    return this.once('funds', () => createFundLoaders(this.em()));
  }
  get training() {
    return this.once('training', () => createTrainingLoaders(this.em(), this.units));
  }
  get awards() {
    return this.once('awards', () => createAwardLoaders(this.em(), this.units));
  }
  get supervision() {
    return this.once('supervision', () => createSupervisionLoaders(this.em()));
  }
  get health() {
    return this.once('health', () => createHealthLoaders(this.em()));
  }
  get targets() {
    return this.once('targets', () => ({ targetById: byId(this.em(), Target) }));
  }
  get clubReports() {
    return this.once('clubReports', () => createClubReportLoaders(this.em()));
  }
  get indicators() {
    return this.once('indicators', () => createIndicatorLoaders(this.em()));
  }
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
    private readonly loggerOf: Logger | (() => Logger),
    readonly admission: Admission,
    readonly people?: PeopleService,
    readonly session?: CurrentSession,
    readonly changes?: ChangeFeed,
  ) {}

  get em(): EntityManager {
    return (this.forked ??= this.rootEm.fork());
  }

  get loaders(): Loaders {
    return (this.built ??= new Loaders(() => this.em, this.units));
  }

  get logger(): Logger {
    return typeof this.loggerOf === 'function' ? this.loggerOf() : this.loggerOf;
  }
}

export function createContext(args: {
  em: EntityManager;
  units: UnitDirectory;
  requestId: string;
  /** Or how to get it: a request's logger is made on first use (most requests only write their access line). */
  logger: Logger | (() => Logger);
  admission: Admission;
  viewer?: Viewer;
  clientAddress?: string;
  people?: PeopleService;
  session?: CurrentSession;
  changes?: ChangeFeed;
}): HubContext {
  const viewer = args.viewer ?? ANONYMOUS_VIEWER;
  return new RequestContext(args.em, viewer, new Access(viewer, args.units), args.units, args.requestId, args.clientAddress ?? 'local', args.logger, args.admission, args.people, args.session, args.changes);
}
