import fs from 'node:fs';
import path from 'node:path';
import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, parse, print, visit } from 'graphql';
import { Role } from '../auth/viewer';
import type { HubContext } from '../context';
import { ErrorCode } from '../errors';

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
