import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date in Vietnam (ISO 8601 "YYYY-MM-DD"); carried as a string end to end, never a JS Date. */
export const DateScalar = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  // Dates going out come from PostgreSQL `date` columns or the hub's own calendar code: checking the shape
  // is enough (full calendar validation, which builds a Date per value, stays on input).
  serialize: (value) => (typeof value === 'string' && ISO_DATE.test(value) ? value : GraphQLLocalDate.serialize(value)),
  name: 'Date',
  description: 'A calendar date, ISO 8601 "YYYY-MM-DD" (days are Vietnamese days, UTC+7).',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
});

const WHOLE = /^-?\d+$/;

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && WHOLE.test(value)) return BigInt(value);
  throw new GraphQLError(`Money must be a whole number of đồng (a safe integer or a string of digits), got ${JSON.stringify(String(value))}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Whole Vietnamese đồng. Output is a string of digits (amounts can exceed 2^53); input a string or a safe integer. */
export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description: 'An amount in whole Vietnamese đồng, serialised as a string of digits (never a float).',
  serialize: (value) => toBigInt(value).toString(),
  parseValue: (value) => toBigInt(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return toBigInt(ast.value);
    throw new GraphQLError('Money must be a string of digits or an integer literal', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
