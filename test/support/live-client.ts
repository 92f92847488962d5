import fs from 'node:fs';
import path from 'node:path';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

const CHANGES = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'live', 'Changes.graphql'), 'utf8');

export interface ChangeEvent {
  kind: string;
  operation: string | null;
  clubId: string | null;
  month: string | null;
  units: Array<{ structure: string; code: string }>;
}

export interface Subscriber {
  events: ChangeEvent[];
  /** Errors of the subscription (its start refused, or the socket closed on it). */
  errors: Array<{ message: string; extensions?: Record<string, any> }>;
  /** Takes (removes and returns) the first received event that matches, waiting up to `ms` for one. */
  next(match: (e: ChangeEvent) => boolean, ms?: number): Promise<ChangeEvent>;
  /** Resolves once the subscription has been refused or ended. */
  ended(ms?: number): Promise<void>;
  stop(): void;
}

export interface LiveClient {
  client: Client;
  /** Close events of the socket, in order. */
  closes: Array<{ code: number; reason: string }>;
  /** The Changes operation (schema/operations/live/Changes.graphql), or another document. */
  subscribe(variables?: Record<string, unknown>, query?: string): Subscriber;
  /** Resolves when the socket has been acknowledged (connected) again after `connects` connections. */
  connected(times?: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

const until = (check: () => boolean, ms: number, what: string) =>
  new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }
    }, 10);
  });

/**
 * A graphql-ws client in Node over a real WebSocket (the `ws` package), as a browser page would use it: a key as
 * connection parameter, or a cookie (and an Origin) on the upgrade request.
 */
export function liveClient(baseUrl: string, options: { key?: string | null; cookie?: string; origin?: string; retry?: boolean } = {}): LiveClient {
  const closes: Array<{ code: number; reason: string }> = [];
  let connects = 0;
  const headers = { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.origin ? { origin: options.origin } : {}) };
  class HeaderSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: HeaderSocket,
    connectionParams: options.key ? { authorization: `Bearer ${options.key}` } : {},
    lazy: false,
    retryAttempts: options.retry ? 20 : 0,
    retryWait: () => new Promise((r) => setTimeout(r, 100)),
    onNonLazyError: () => undefined,
    on: {
      connected: () => (connects += 1),
      closed: (event) => {
        const e = event as { code: number; reason: string };
        closes.push({ code: e.code, reason: String(e.reason) });
      },
    },
  });
  return {
    client,
    closes,
    subscribe(variables = {}, query = CHANGES) {
      const events: ChangeEvent[] = [];
      const errors: Subscriber['errors'] = [];
      let done = false;
      const stop = client.subscribe<{ changes: ChangeEvent }>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) errors.push(...(result.errors as Subscriber['errors']));
            if (result.data?.changes) events.push(result.data.changes);
          },
          error: (err) => {
            errors.push(...(Array.isArray(err) ? err : [{ message: String((err as { reason?: string }).reason ?? err), extensions: { closeCode: (err as { code?: number }).code } }]));
            done = true;
          },
          complete: () => (done = true),
        },
      );
      return {
        events,
        errors,
        stop,
        async next(match, ms = 2000) {
          let at = -1;
          await until(() => (at = events.findIndex(match)) >= 0, ms, 'a matching change event');
          return events.splice(at, 1)[0];
        },
        ended: (ms = 2000) => until(() => done, ms, 'the subscription to end'),
      };
    },
    connected: (times = 1, ms = 5000) => until(() => connects >= times, ms, `connection number ${times}`),
    close: () => client.dispose() as Promise<void>,
  };
}

/** Waits `ms` and returns what arrived meanwhile (to show that nothing did). */
export const quietFor = (ms: number) => new Promise((r) => setTimeout(r, ms));
