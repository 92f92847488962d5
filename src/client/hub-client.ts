import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** An error the hub answered with; `codes` are the stable `extensions.code` values. */
export class HubError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
    readonly status: number,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubClientOptions {
  /** The hub's base URL, e.g. http://localhost:4000 (no /graphql). */
  url: string;
  /** An API key; omit for anonymous access. */
  key?: string;
}

/**
 * A typed client for internal tools: pass a document from `src/client/gql` (generated from
 * schema/operations) and get typed variables and results; any error becomes a HubError with its codes.
 */
export class HubClient {
  constructor(private readonly options: HubClientOptions) {}

  async request<Result, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
    const response = await fetch(`${this.options.url.replace(/\/+$/, '')}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(this.options.key ? { authorization: `Bearer ${this.options.key}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    let body: { data?: Result; errors?: Array<{ message: string; extensions?: { code?: string; requestId?: string } }> };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new HubError(`The hub answered HTTP ${response.status} without a GraphQL body`, [], response.status);
    }
    if (body.errors?.length) {
      const codes = [...new Set(body.errors.map((e) => e.extensions?.code ?? 'UNKNOWN'))];
      const message = body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');
      throw new HubError(message, codes, response.status, body.errors[0].extensions?.requestId);
    }
    if (!body.data) throw new HubError(`The hub answered HTTP ${response.status} with no data`, [], response.status);
    return body.data;
  }
}

/** Endpoint and key from `--url`/`--key`, else ISHC_URL/ISHC_KEY, else the local hub without a key. */
export function clientOptionsFrom(args: { url?: string; key?: string }, env: NodeJS.ProcessEnv = process.env): HubClientOptions {
  return { url: args.url ?? env.ISHC_URL ?? 'http://localhost:4000', key: args.key ?? env.ISHC_KEY ?? undefined };
}
