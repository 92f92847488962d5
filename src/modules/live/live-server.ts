import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  DocumentNode,
  ExecutionArgs,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  parse,
  print,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import { CloseCode, Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { Admission } from '../../admission';
import { verifyApiKey } from '../../auth/api-keys';
import { CurrentSession, PeopleService } from '../../auth/people/people.service';
import { sessionToken } from '../../auth/people/session-cookie';
import { VerifiedKeys } from '../../auth/verified-keys';
import { ANONYMOUS_VIEWER, Viewer } from '../../auth/viewer';
import { createContext } from '../../context';
import { ErrorCode } from '../../errors';
import { Logger } from '../../logger';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { ChangeFeed } from './change-feed';

/** Subscriptions one connection may hold at once (a page needs one or two). */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;

export interface LiveServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  units: UnitDirectory;
  logger: Logger;
  admission: Admission;
  people: PeopleService;
  verifiedKeys: VerifiedKeys;
  changes: ChangeFeed;
  /** The validation rules of HTTP requests (depth, aliases, directives) and the token limit of parsing. */
  validationRules: ValidationRule[];
  maxTokens: number;
  maxPayloadBytes: number;
  /** Documents a key with persistedOperationsOnly may run. */
  allowList: Set<string>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

interface Caller {
  viewer: Viewer;
  session?: CurrentSession;
}

type WsContext = Context<Record<string, unknown> | undefined, { request: http.IncomingMessage }>;

/** A browser's cookie may only open a socket from the hub's own pages: the WebSocket form of the CSRF check. */
function sameOrigin(request: http.IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser: nothing can have sent its cookie on someone else's behalf
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

const refused = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/** graphql-js's parse and validation errors carry no code; Apollo files them under these, and so does this. */
const coded = (error: GraphQLError, code: string) =>
  error.extensions.code ? error : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });

/**
 * GraphQL subscriptions over WebSocket (graphql-ws) on the HTTP server's /graphql, with the schema, context,
 * authentication and limits of HTTP requests: a key as connection parameter (`authorization: Bearer …`) or the
 * session cookie of the upgrade request. A bad key or ended session closes the socket with 4401; a cookie sent
 * from another site's page, 4403. Queries and mutations stay on HTTP (where budgets and rate limits apply).
 */
export function serveLive(options: LiveServerOptions): { close(): Promise<void> } {
  const { orm, units, logger, people, verifiedKeys, schema } = options;
  const callers = new WeakMap<object, Caller>();
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: options.maxPayloadBytes });
  const rules = [...specifiedRules, ...options.validationRules];
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => options.formatError(e.toJSON(), e));

  const authenticate = async (ctx: WsContext): Promise<Caller | { close: number; reason: string }> => {
    const params = ctx.connectionParams ?? {};
    const header = params.authorization ?? params.Authorization;
    if (header !== undefined) {
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      const check = match ? await verifyApiKey(orm.em, match[1], new Date(), verifiedKeys) : { ok: false as const, reason: 'Use "authorization: Bearer <key>"' };
      return check.ok ? { viewer: check.viewer } : { close: CloseCode.Unauthorized, reason: `${ErrorCode.UNAUTHENTICATED}: ${check.reason}` };
    }
    const request = ctx.extra.request;
    const token = sessionToken(request as Parameters<typeof sessionToken>[0]);
    if (!token) return { viewer: ANONYMOUS_VIEWER };
    if (!sameOrigin(request)) return { close: CloseCode.Forbidden, reason: `${ErrorCode.FORBIDDEN}: cross-site WebSocket refused` };
    const session = await people.authenticate(token, null);
    if (!session.ok) return { close: CloseCode.Unauthorized, reason: `${ErrorCode.UNAUTHENTICATED}: ${session.reason}` };
    return { viewer: session.session.viewer, session: session.session };
  };

  const server = useServer<Record<string, unknown> | undefined, { request: http.IncomingMessage }>(
    {
      schema,
      onConnect: async (ctx) => {
        let caller: Awaited<ReturnType<typeof authenticate>>;
        try {
          caller = await authenticate(ctx as WsContext);
        } catch (err) {
          // graphql-ws would put the message in the close reason; nothing internal leaves the hub.
          logger.error({ err }, 'live: authenticating a WebSocket failed');
          caller = { close: CloseCode.InternalServerError, reason: ErrorCode.INTERNAL_SERVER_ERROR };
        }
        if ('close' in caller) {
          // The reason (at most 123 bytes) carries the stable code; graphql-ws clients do not retry 4401.
          ctx.extra.socket.close(caller.close, caller.reason.slice(0, 120));
          return false;
        }
        callers.set(ctx, caller);
        return true;
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const caller = callers.get(ctx) ?? { viewer: ANONYMOUS_VIEWER };
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [refused(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions on one connection`, ErrorCode.RATE_LIMITED)];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (err) {
          return [err instanceof GraphQLError ? coded(err, 'GRAPHQL_PARSE_FAILED') : refused('The query could not be parsed', 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length) return invalid.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') {
          return [refused('Only subscriptions are served over WebSocket: send queries and mutations over HTTP', 'BAD_REQUEST')];
        }
        if (caller.viewer.persistedOperationsOnly && !options.allowList.has(print(document))) {
          return [refused('This key may only run the operations published in schema/operations', ErrorCode.FORBIDDEN)];
        }
        const requestId = randomUUID();
        const contextValue = createContext({
          em: orm.em,
          units,
          requestId,
          logger: logger.child({ requestId }),
          viewer: caller.viewer,
          clientAddress: ctx.extra.request.socket.remoteAddress ?? 'unknown',
          admission: options.admission,
          people,
          session: caller.session,
          changes: options.changes,
        });
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors as readonly GraphQLError[]) } : undefined),
    },
    wss,
  );

  return {
    /** Closes every socket (1001, going away: clients reconnect, to another hub if there is one). */
    async close() {
      await server.dispose();
    },
  };
}
