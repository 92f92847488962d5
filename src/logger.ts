import fs from 'node:fs';
import path from 'node:path';
import pino, { Logger } from 'pino';

/**
 * Field names whose values are credentials, wherever they appear in a logged object (one level down too:
 * `headers.authorization`, `err.config.password`). The access log never logs headers at all (see
 * server.ts); this is the net under every other line, present and future.
 */
const SECRET_FIELDS = [
  'authorization', 'cookie', 'set-cookie', 'password', 'secret', 'token', 'key', 'apiKey',
  // People's sign-in, set-password and second-factor fields.
  'currentPassword', 'newPassword', 'passwordHash', 'recoveryCode', 'totp',
];
const REDACTED_PATHS = [
  ...SECRET_FIELDS.map((f) => `["${f}"]`),
  ...SECRET_FIELDS.map((f) => `*["${f}"]`),
  ...SECRET_FIELDS.map((f) => `*.headers["${f}"]`),
];

/**
 * Structured JSON logs, one logger per process, children per request: on stdout, or appended to `file`,
 * which is created (or narrowed to) owner-only — logs name callers and what they did.
 */
export function createLogger(level: string, file?: string): Logger {
  const options = {
    level,
    base: { service: 'ishc-hub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  // stdout asynchronously, in writes of 4 KB or every 100 ms, whichever comes first: a write per access line cost
  // the hub a system call per request (about 4% of its CPU for `{ __typename }`). Whatever is pending is flushed
  // when the process exits; a process killed outright loses at most its last 100 ms of lines.
  if (!file) return pino(options, pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  return pino(options, pino.destination({ dest: file, append: true, sync: true }));
}

export type { Logger };
