import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors';

/** One problem with one input field (a GraphQL input path such as `input.joinedOn`, or a CSV column). */
export interface Problem {
  field: string;
  message: string;
}

/**
 * BAD_USER_INPUT naming the field at fault in `extensions.field`; when there are several problems, all of
 * them are in `extensions.problems` so a form can mark every field at once.
 */
export class InvalidInputError extends GraphQLError {
  constructor(readonly problems: Problem[]) {
    super(problems[0].message, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: problems[0].field, ...(problems.length > 1 ? { problems } : {}) },
    });
  }
}

/** The record changed since the caller read it (stale `expectedVersion`), or a concurrent write won. */
export class ConflictError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...extensions } });
  }
}
