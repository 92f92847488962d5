import fs from 'node:fs';
import path from 'node:path';

const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', 'schema', 'operations');

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A settable clock for PeopleService: tests move time instead of waiting. */
export function testClock(start = Date.UTC(2026, 11, 4, 8, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A browser: keeps the session cookie the hub sets, sends it back, and speaks JSON like the web app. */
export class Browser {
  cookie: string | null = null;
  constructor(readonly base: string) {}

  async send(pathname: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const res = await fetch(`${this.base}${pathname}`, {
      method: init.method ?? 'POST',
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(init.headers ?? {}) },
      body: init.body,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair.split('=');
      if (name === 'ishc_session') this.cookie = value ? `ishc_session=${value}` : null;
    }
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (CSV): keep the text
    }
    return { status: res.status, headers: res.headers, body };
  }

  postJson(pathname: string, body: unknown): Promise<Answer> {
    return this.send(pathname, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  signIn(email: string, password: string, extra: Record<string, unknown> = {}): Promise<Answer> {
    return this.postJson('/auth/sign-in', { email, password, ...extra });
  }

  graphql(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    return this.postJson('/graphql', { query, variables });
  }

  operation(file: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    return this.graphql(fs.readFileSync(path.join(OPERATIONS_DIR, file), 'utf8'), variables);
  }

  /** The session token the cookie carries (to search logs and tables for it). */
  get token(): string | null {
    return this.cookie ? this.cookie.split('=')[1] : null;
  }
}

export const HA_TINH = { structure: 'PRE_2025', code: '42' };
