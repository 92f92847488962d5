import { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { COMMIT_POSITION_HEADER, parseLsn, pinToPrimary, withReadRoute } from './read-routing';
import { ReplicaMonitor } from './replica-monitor';

/**
 * Picks each request's read database before anything reads: a replica for GET requests and GraphQL (a
 * mutation is moved to the primary once its operation is known), the primary for other requests. A
 * request that carries a commit position (x-commit-position) only gets a replica that has replayed it; a
 * position that cannot be read sends the request to the primary (never a stale answer).
 */
export function readRouting(monitor: ReplicaMonitor): RequestHandler {
  return (req, res, next) => {
    const sent = req.headers[COMMIT_POSITION_HEADER];
    const text = Array.isArray(sent) ? sent[0] : sent;
    const position = text === undefined ? null : parseLsn(text);
    const readOnly = req.method === 'GET' || req.method === 'HEAD' || req.path === '/graphql';
    const replica = !readOnly || (text !== undefined && position === null) ? null : monitor.choose(position);
    withReadRoute({ replica, response: res }, next);
  };
}

/** Mutations (and anything but a query) read from the primary: their checks must see the latest rows. */
export const primaryForMutations: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation && operation.operation !== 'query') pinToPrimary();
      },
    };
  },
};
