import { createClient, type Client } from 'graphql-ws';

/**
 * Live updates for pages: the hub announces committed writes by ids only, and a page refetches what it shows
 * through its ordinary queries. React-free; a page calls subscribeToChanges in an effect and closes it on unmount.
 */

/** The kinds of records a write changed; GAP: events may have been missed, refetch everything shown. */
export type ChangeKind =
  | 'CLUB'
  | 'MEMBER'
  | 'MEETING'
  | 'FUND'
  | 'TRAINING'
  | 'AWARD'
  | 'SUPERVISION'
  | 'CLUB_REPORT'
  | 'APPROVAL'
  | 'TARGET'
  | 'OTHER'
  | 'GAP';

export type AdminStructure = 'PRE_2025' | 'POST_2025';

export interface ChangeEvent {
  kind: ChangeKind;
  /** The mutation or import that wrote ("updateClub", "import:club-reports"); null for GAP. */
  operation: string | null;
  /** Global id of the club whose records changed, when it is a club's record. */
  clubId: string | null;
  /** "2024-03" for reports and approvals. */
  month: string | null;
  /** The record's lowest units, one per structure ("VN": the nation). */
  units: Array<{ structure: AdminStructure; code: string }>;
}

export interface ChangeFilter {
  structure?: AdminStructure;
  /** Only changes inside this unit. */
  unitCode?: string;
  kinds?: ChangeKind[];
}

/**
 * live: events arrive; reconnecting: the connection dropped and is being restored (events may be late);
 * offline: no more attempts: show a refresh button (refetch, then call subscribeToChanges again).
 */
export type LiveStatus = 'live' | 'reconnecting' | 'offline';

/** Why the subscription went offline, when the hub said (its stable codes, e.g. UNAUTHENTICATED, FORBIDDEN). */
export interface LiveProblem {
  codes: string[];
  message: string;
}

export interface LiveOptions {
  /** Default: /graphql on the page's own host (the session cookie goes with it). */
  url?: string;
  /** Sent as connection parameters, e.g. { authorization: 'Bearer …' } for a key (programs, tests). */
  connectionParams?: Record<string, unknown>;
  /** A WebSocket implementation where there is no global one (Node 20). */
  webSocketImpl?: unknown;
  /** Reconnection attempts before going offline (default 8, about a minute with backoff). */
  retryAttempts?: number;
}

/** The subscription, as published in schema/operations/live/Changes.graphql (a test keeps them the same). */
export const CHANGES_SUBSCRIPTION = `subscription Changes($filter: ChangeFilter) {
  changes(filter: $filter) {
    kind
    operation
    clubId
    month
    units {
      structure
      code
    }
  }
}`;

/** How long a ping may wait for its pong before the connection counts as dead (a silent network drop). */
const PONG_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_MS = 15_000;
/** Close codes after which retrying cannot help: bad credentials, cross-site, bad request. */
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403]);

const GAP: ChangeEvent = { kind: 'GAP', operation: null, clubId: null, month: null, units: [] };

/** The socket as far as this module uses it (no DOM types: the module is also run in Node by the hub's tests). */
interface ClosableSocket {
  close(code?: number, reason?: string): void;
}

function defaultUrl(): string {
  const { protocol, host } = (globalThis as unknown as { location: { protocol: string; host: string } }).location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

/**
 * Subscribes to committed changes. onEvent gets each change (and GAP after a reconnection, since events may
 * have been missed meanwhile); onStatus gets every status change. Returns a function that ends it all.
 */
export function subscribeToChanges(
  filter: ChangeFilter,
  onEvent: (event: ChangeEvent) => void,
  onStatus: (status: LiveStatus, problem?: LiveProblem) => void,
  options: LiveOptions = {},
): () => void {
  let status: LiveStatus | null = null;
  const setStatus = (next: LiveStatus, problem?: LiveProblem) => {
    if (next === status && !problem) return;
    status = next;
    onStatus(next, problem);
  };
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let activeSocket: ClosableSocket | undefined;
  let everConnected = false;
  let ended = false;

  const client: Client = createClient({
    url: options.url ?? defaultUrl(),
    connectionParams: options.connectionParams,
    webSocketImpl: options.webSocketImpl,
    lazy: true,
    keepAlive: KEEP_ALIVE_MS,
    retryAttempts: options.retryAttempts ?? 8,
    shouldRetry: (closeOrError) => !FATAL_CLOSE_CODES.has((closeOrError as { code?: number })?.code ?? 0),
    on: {
      connecting: () => setStatus('reconnecting'),
      connected: () => {
        setStatus('live');
        if (everConnected) onEvent(GAP);
        everConnected = true;
      },
      closed: () => {
        clearTimeout(pongTimer);
        if (!ended) setStatus('reconnecting');
      },
      ping: (received) => {
        // Our ping went out: without its pong in time, close the socket so that the client reconnects.
        if (!received) pongTimer = setTimeout(() => activeSocket?.close(4408, 'Request Timeout'), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      opened: (socket) => {
        activeSocket = socket as ClosableSocket;
      },
    },
  });

  const stop = client.subscribe<{ changes: ChangeEvent }>(
    { query: CHANGES_SUBSCRIPTION, variables: { filter } },
    {
      next: (result) => {
        if (result.errors?.length) {
          const codes = result.errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          ended = true;
          setStatus('offline', { codes, message: result.errors.map((e) => e.message).join('; ') });
          return;
        }
        if (result.data?.changes) onEvent(result.data.changes);
      },
      error: (err) => {
        ended = true;
        const close = err as { code?: number; reason?: string };
        const errors = Array.isArray(err) ? (err as Array<{ message: string; extensions?: { code?: string } }>) : null;
        const problem: LiveProblem = errors
          ? { codes: errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')), message: errors.map((e) => e.message).join('; ') }
          : { codes: close.reason ? [close.reason.split(':', 1)[0]] : [], message: close.reason || 'The live connection was lost' };
        setStatus('offline', problem);
      },
      complete: () => {
        if (!ended) {
          ended = true;
          setStatus('offline');
        }
      },
    },
  );

  return () => {
    ended = true;
    clearTimeout(pongTimer);
    stop();
    void client.dispose();
  };
}
