import { GraphQLError } from 'graphql';

/** The closed set of error codes a client may rely on (extensions.code). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** Every slot for heavy requests is taken (HTTP 503, Retry-After). */
  SERVER_BUSY = 'SERVER_BUSY',
  /** An analytics statement ran past its timeout (HTTP 503, Retry-After): ask for less, or later. */
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  /** The write would change a month whose data a unit has approved: unapprove that unit and month first. */
  PERIOD_LOCKED = 'PERIOD_LOCKED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** Codes produced by graphql-js and Apollo itself for malformed requests; safe to show. */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function isKnownErrorCode(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    ((Object.values(ErrorCode) as string[]).includes(code) || APOLLO_CLIENT_CODES.has(code))
  );
}
