import pino, { Logger } from 'pino';

/** Structured JSON logs on stdout; one logger per process, children per request. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'ishc-hub' }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
