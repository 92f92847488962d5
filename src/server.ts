import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLFormattedError } from 'graphql';
import { accessLog } from './access-log';
import { authenticate } from './auth/authenticate';
import { peopleRoutes } from './auth/people/people.routes';
import { Clock, CurrentSession, PeopleService } from './auth/people/people.service';
import { API_KEY_CHANNEL, VerifiedKeys } from './auth/verified-keys';
import { Viewer } from './auth/viewer';
import { Config, loadConfig } from './config';
import { configureReportDeadline } from './modules/reporting/report-deadline';
import { Admission, callerOf, COST_WINDOW_SECONDS } from './admission';
import { createContext, HubContext } from './context';
import { Notifications } from './db/notifications';
import { ReplicaMonitor } from './db/replica-monitor';
import { primaryForMutations, readRouting } from './db/request-routing';
import { countStatements, statementCount, StatementCounter } from './db/statement-counter';
import { ErrorCode, isKnownErrorCode } from './errors';
import { graphiqlRouter } from './graphql/graphiql';
import { budgetPlugin, limitRules } from './graphql/limits';
import { introspectionGuard, loadOperationAllowList, persistedOperationsGuard } from './graphql/request-guards';
import { buildSubgraph } from './graphql/federation';
import { CompiledExecution } from './graphql/compiled-execution';
import { graphqlHandler, stringifyResult } from './graphql/http-handler';
import { Logger } from './logger';
import { UnitDirectory } from './modules/admin-unit/unit-directory';
import { indicatorRoutes } from './modules/indicator/indicator.routes';
import { submissionRoutes } from './modules/submission/submission.routes';
import { ChangeFeed } from './modules/live/change-feed';
import { CHANGES_CHANNEL } from './modules/live/change-set';
import { serveLive } from './modules/live/live-server';
import { openSharedState, SharedState } from './runtime/shared-state';
import { webAppRouter } from './web-app';

export interface HubServer {
  httpServer: http.Server;
  /** Listens on the port (0: any free one) and resolves to the port in use. */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

export interface HubOptions {
  orm: MikroORM;
  /** The analytics pool (indicator tables, exports); see openAnalyticsPool. The caller closes it. */
  analytics: MikroORM;
  units: UnitDirectory;
  logger: Logger;
  /** Settings (limits, timeouts…); defaults are those of an empty environment. */
  config?: Config;
  /** Read replicas (with DATABASE_REPLICA_URLS): each request's reads are routed from its readings. */
  replicas?: ReplicaMonitor;
  /** The time sessions and sign-in throttling are judged by (tests move it); default Date.now. */
  clock?: Clock;
  /** Where budgets shared with other processes live; default: opened from the settings (and closed on stop). */
  shared?: SharedState;
}

const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', 'schema', 'operations');
/** schema/operations is two folders up from dist/src, one from src. */
function operationsDir(): string {
  return fs.existsSync(OPERATIONS_DIR) ? OPERATIONS_DIR : path.resolve(__dirname, '..', 'schema', 'operations');
}

/** Every error leaves with the request id that is in the logs; optionally, the SQL statement count too. */
const responsePlugin: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const statements = statementCount();
        if (statements !== undefined) response.http.headers.set('x-sql-statements', String(statements));
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
          ...error,
          extensions: { ...error.extensions, requestId: contextValue.requestId },
        }));
      },
    };
  },
};

/** `handler` for the requests `when` accepts; the others go straight on. */
function only(when: (req: express.Request) => boolean, handler: express.RequestHandler): express.RequestHandler {
  return (req, res, next) => (when(req) ? handler(req, res, next) : next());
}

/** graphql-js reports a token flood as a syntax error; clients get it as the budget it is. */
const TOKEN_LIMIT = /Document contains more th(?:an|at) (\d+) tokens/; // graphql-js 16 writes "more that"

/** Keeps errors with a known code; masks the rest (no internal message, SQL or stack reaches a client). */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const tokens = TOKEN_LIMIT.exec(formatted.message);
    if (tokens) {
      const limit = Number(tokens[1]);
      return { message: `Query has more than ${limit} tokens`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, budget: 'tokens', limit } };
    }
    // Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; budget rules mark theirs.
    if (formatted.extensions?.budget) formatted = { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
    const code = formatted.extensions?.code;
    // Stack traces are only there with DEBUG_ERRORS (includeStacktraceInErrorResponses).
    if (isKnownErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    logger.error({ err: error, path: formatted.path }, 'unexpected error in a GraphQL request');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** The HTTP face of the hub: GraphQL (and GraphiQL for browsers) on /graphql, health on /healthz. */
export async function createHubServer(deps: HubOptions): Promise<HubServer> {
  const { orm, units, logger } = deps;
  const config = deps.config ?? loadConfig({});
  configureReportDeadline(config.reportDeadlineDay);
  const production = config.env === 'production';
  const shared = deps.shared ?? (await openSharedState({ databaseUrl: orm.config.getClientUrl(), redisUrl: config.redisUrl, logger }));
  const admission = new Admission(config, deps.analytics, shared.budget('cost', config.limits.costPerMinute, COST_WINDOW_SECONDS));
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses: an entity tag (a hash of every body) would never be used.
  app.set('etag', false);
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  const httpServer = http.createServer({ requestTimeout: config.requestTimeoutMs }, app);

  const schema = await buildSubgraph();
  const allowList = loadOperationAllowList(operationsDir());
  const apollo = new ApolloServer<HubContext>({
    // The subgraph schema, executed by compiled queries where it can be (see CompiledExecution).
    gateway: new CompiledExecution(schema).gateway(),
    // Sent by graphqlHandler, which writes the newline Apollo's own stringify appends.
    stringifyResult,
    introspection: true,
    includeStacktraceInErrorResponses: config.debugErrors,
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.tokens },
    validationRules: limitRules(config.limits),
    formatError: formatError(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownDrainMs }),
      ApolloServerPluginLandingPageDisabled(),
      // A gateway may ask for traces; nothing here does, and tracing costs throughput. Cache hints are not
      // used either, and computing them wraps every field resolver.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      introspectionGuard(config.anonymousIntrospection),
      persistedOperationsGuard(allowList),
      budgetPlugin<HubContext>(config.limits, (report, ctx) => ctx.admission.charge(callerOf(ctx.viewer, ctx.clientAddress), report.cost)),
      responsePlugin,
      ...(deps.replicas ? [primaryForMutations] : []),
    ],
  });
  await apollo.start();

  app.use(accessLog(logger, (url) => url.startsWith('/graphiql/')));

  if (deps.replicas) app.use(readRouting(deps.replicas));

  // With EXPOSE_SQL_COUNT, each request counts its SQL statements (header and access log). It is off by
  // default: the AsyncLocalStorage it needs slows every promise of every request.
  if (config.exposeSqlCount) {
    app.use((_req, res, next) => {
      const counter: StatementCounter = { statements: 0 };
      res.locals.sql = counter;
      countStatements(counter, next);
    });
  }

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.status(200).json({ status: 'ok', database: 'up', units: units.size });
    } catch (err) {
      logger.warn({ err }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });

  // One listening connection per hub: API key changes (to forget a revoked key at once) and committed writes
  // (for the subscriptions below).
  const notifications = new Notifications(orm.config.getClientUrl(), logger);
  const verifiedKeys = new VerifiedKeys();
  notifications.listen(API_KEY_CHANNEL, verifiedKeys);
  const changes = new ChangeFeed(units, logger);
  notifications.listen(CHANGES_CHANNEL, changes);
  await notifications.start();
  const people = new PeopleService(orm.em, units, config.people, deps.clock);
  // Each router is entered only by the requests it can answer: a GraphQL POST then passes a handful of checks
  // instead of matching every route of every router (Express tries them one by one).
  const isGet = (req: express.Request) => req.method === 'GET' || req.method === 'HEAD';
  // Before authenticate: signing in must work with a stale cookie, and sign-out reads the cookie itself.
  app.use(only((req) => /^\/auth\//i.test(req.path), peopleRoutes(people)));
  // Also before: a signed-in browser opening GraphiQL sends its cookie on a plain GET, which authenticate refuses.
  app.use(only(isGet, graphiqlRouter()));
  // The web app's files are public and carry no data; before authenticate for the same reason as GraphiQL.
  app.use(only(isGet, webAppRouter()));
  app.use(authenticate(orm, verifiedKeys, people));
  app.use(only((req) => /^\/exports\//i.test(req.path), indicatorRoutes({ orm, units, admission })));
  app.use(only((req) => /^\/imports\//i.test(req.path), submissionRoutes({ orm, units, admission })));
  app.use(
    '/graphql',
    express.json({ limit: `${config.bodyLimitKb}kb` }),
    graphqlHandler(apollo, async ({ req, res }) =>
      createContext({
        em: orm.em,
        units,
        requestId: String(req.id),
        logger: () => req.log,
        viewer: res.locals.viewer as Viewer,
        clientAddress: req.ip ?? 'unknown',
        admission,
        people,
        session: res.locals.session as CurrentSession | undefined,
      }),
    ),
  );

  // Subscriptions over WebSocket on the same path, fed by this hub's one LISTEN connection.
  const live = serveLive({
    httpServer,
    schema,
    orm,
    units,
    logger,
    admission,
    people,
    verifiedKeys,
    changes,
    validationRules: limitRules(config.limits),
    maxTokens: config.limits.tokens,
    maxPayloadBytes: config.bodyLimitKb * 1024,
    allowList,
    formatError: formatError(logger),
  });

  // Body-parser failures (too large, malformed JSON) answer in GraphQL's error shape, not an HTML page.
  app.use((err: { status?: number; type?: string; message: string }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!err.status || err.status >= 500) return next(err);
    const message = err.type === 'entity.too.large' ? `The request body is larger than ${config.bodyLimitKb} kB` : 'The request body is not valid JSON';
    res.status(err.status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST', requestId: String(req.id) } }] });
  });

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve((httpServer.address() as { port: number }).port);
        });
      }),
    async stop() {
      // The drain starts (requests in flight finish), and at once the WebSockets are told 1001, going away, before
      // the drain ends their connections. Closing them before the drain started held the drain of an import in
      // flight forever (test/process/shutdown.test.ts). The change feed goes last.
      const draining = apollo.stop();
      await live.close();
      await draining;
      changes.stop();
      await notifications.stop();
      if (!deps.shared) await shared.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
