import fs from 'node:fs';
import path from 'node:path';
import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, parse, print, visit } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Role } from '../auth/viewer';
import type { HubContext } from '../context';
import { ErrorCode } from '../errors';
import { CostReport } from './limits';

/**
 * Introspection is always on for keys; for anonymous callers only when the setting allows it. The federation
 * field `_service { sdl }` prints the whole schema, so it counts as introspection too.
 */
export function introspectionGuard(allowAnonymous: boolean): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (allowAnonymous || contextValue.viewer.role !== Role.ANONYMOUS || !introspects(document)) return;
          throw new GraphQLError('Introspection needs an API key', { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
        },
      };
    },
  };
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type' || node.name.value === '_service') found = true;
    },
  });
  return found;
}

/** The named documents of schema/operations, normalised, for keys held to persisted operations. */
export function loadOperationAllowList(dir: string): Set<string> {
  const documents = new Set<string>();
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.graphql')) documents.add(print(parse(fs.readFileSync(full, 'utf8'))));
    }
  };
  walk(dir);
  return documents;
}

export function persistedOperationsGuard(allowList: Set<string>): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!contextValue.viewer.persistedOperationsOnly || allowList.has(print(document))) return;
          throw new GraphQLError('This key may only run the operations published in schema/operations', {
            extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
          });
        },
      };
    },
  };
}

/**
 * Spends each operation's cost from a per-key budget per minute (per address without a key); over it,
 * RATE_LIMITED with HTTP 429 and a Retry-After hint. Kept in memory: one budget per hub process.
 */
export function costRateLimiter(costPerMinute: number): (report: CostReport, ctx: HubContext) => Promise<void> {
  const limiter = new RateLimiterMemory({ points: costPerMinute, duration: 60 });
  return async (report, ctx) => {
    const key = ctx.viewer.keyId !== null ? `key:${ctx.viewer.keyId}` : `ip:${ctx.clientAddress}`;
    try {
      await limiter.consume(key, Math.max(1, report.cost));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new GraphQLError(`Rate limit: this operation costs ${report.cost}; the budget is ${costPerMinute} per minute. Retry in ${retryAfter} s`, {
        extensions: {
          code: ErrorCode.RATE_LIMITED,
          retryAfterSeconds: retryAfter,
          http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
        },
      });
    }
  };
}
