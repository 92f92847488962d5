import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { RequestHandler, Response } from 'express';
import { StatementCounter } from './db/statement-counter';
import { Logger } from './logger';
import { Viewer } from './auth/viewer';

declare module 'http' {
  interface IncomingMessage {
    /** The request id: the caller's `x-request-id` when it is a plain token, else a new UUID. */
    id: string;
    /** A logger whose lines carry the request id (made on first use: most requests never log but their access line). */
    log: Logger;
  }
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * Gives every request its id (`x-request-id`, echoed back) and a request logger, and writes one access line
 * when the response is finished or the connection closed: method, path (no query string), status,
 * milliseconds, the caller's key id (null: anonymous), the account of a signed-in person, and the SQL statement
 * count when counting is on. The line is built from those fields alone, never from the request (its headers
 * hold keys and cookies), so it is written by a logger without the redaction pass, which was the largest
 * share of the hub's logging cost per request; every other line keeps it.
 */
export function accessLog(logger: Logger, skip: (url: string) => boolean): RequestHandler {
  const lines = logger.child({}, { redact: [] });
  return (req, res, next) => {
    const started = Date.now();
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    let requestLogger: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (requestLogger ??= logger.child({ requestId: id })) });
    if (skip(req.originalUrl ?? req.url ?? '')) return next();
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      res.removeListener('finish', write);
      res.removeListener('close', write);
      const line = accessLine(req, res, Date.now() - started);
      if (res.statusCode >= 500 || !res.writableFinished) lines.error(line, 'request failed');
      else lines.info(line, 'request');
    };
    res.on('finish', write);
    res.on('close', write);
    next();
  };
}

function accessLine(req: http.IncomingMessage, res: http.ServerResponse, ms: number): Record<string, unknown> {
  const { locals } = res as Response;
  const viewer = locals?.viewer as Viewer | undefined;
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const line: Record<string, unknown> = {
    requestId: req.id,
    method: req.method,
    path: url.split('?', 1)[0],
    status: res.statusCode,
    ms,
    caller: viewer?.keyId ?? null,
  };
  if (viewer?.accountId) line.account = viewer.accountId;
  if (locals?.sql) line.sqlStatements = (locals.sql as StatementCounter).statements;
  return line;
}
