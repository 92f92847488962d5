import type { TypedDocumentString } from './gql/graphql';

/** An error the hub answered with; `codes` are its stable `extensions.code` values. */
export class HubError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
    readonly status: number,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/**
 * Every cookie-authenticated request carries this header: a cross-site page cannot send it without a CORS
 * preflight, which the hub never grants (its CSRF defence, src/auth/people/session-cookie.ts).
 */
export const CSRF_HEADERS = { 'x-ishc-csrf': '1' } as const;

const signedOutListeners = new Set<() => void>();
/** Called when the hub says the session has ended (the app goes back to sign-in). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

interface ErrorBody {
  errors?: Array<{ message: string; extensions?: Record<string, unknown> & { code?: string } }>;
}

function hubError(status: number, body: ErrorBody | null): HubError {
  const errors = body?.errors ?? [];
  const codes = [...new Set(errors.map((e) => e.extensions?.code ?? 'UNKNOWN'))];
  const error = new HubError(errors.map((e) => e.message).join('; ') || `HTTP ${status}`, codes, status, errors[0]?.extensions ?? {});
  if (codes.includes('UNAUTHENTICATED')) signedOutListeners.forEach((listener) => listener());
  return error;
}

/** Runs a persisted operation (a document generated from schema/operations/web) with typed variables and result. */
export async function request<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables, signal?: AbortSignal): Promise<Result> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...CSRF_HEADERS },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal,
  });
  let body: (ErrorBody & { data?: Result }) | null = null;
  try {
    body = (await response.json()) as ErrorBody & { data?: Result };
  } catch {
    // not JSON: reported below with the status
  }
  if (!body || body.errors?.length || !body.data) throw hubError(response.status, body);
  return body.data;
}

/** POSTs JSON to an /auth route; answers the parsed body or throws a HubError. */
export async function postAuth<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...CSRF_HEADERS },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json().catch(() => null)) as (T & ErrorBody) | null;
  if (!response.ok || !parsed) {
    const error = new HubError(parsed?.errors?.[0]?.message ?? `HTTP ${response.status}`, (parsed?.errors ?? []).map((e) => e.extensions?.code ?? 'UNKNOWN'), response.status, parsed?.errors?.[0]?.extensions ?? {});
    throw error;
  }
  return parsed;
}

/**
 * Downloads a GET route (an export) as a file. A plain link would not do: a signed-in browser's GET must
 * carry the CSRF header too, which only fetch can add.
 */
export async function download(url: string, filename: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { ...CSRF_HEADERS } });
  if (!response.ok) throw hubError(response.status, (await response.json().catch(() => null)) as ErrorBody | null);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
