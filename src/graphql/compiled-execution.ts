import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema, isObjectType, OperationDefinitionNode, visit } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Queries run as JavaScript compiled for their document by graphql-jit, instead of graphql-js walking the
 * document for every object of the answer: a CPU profile of a province's 50 clubs × 20 members showed graphql-js's
 * executeFields/completeValue as the hub's largest share. The same schema, resolvers, context and errors (the
 * compiled code calls the same field resolvers, and errors keep their extensions for formatError); graphql-js
 * still runs what the compiler refuses, mutations (rare, and serial), introspection, and any request whose
 * variables fail coercion (so its BAD_USER_INPUT reads as before). Parsing, validation (with the depth and
 * alias rules), the budgets and every plugin stay Apollo's: this is only its executor.
 */
export class CompiledExecution {
  /** Compiled queries by operation name and document text, oldest first; null: run by graphql-js. */
  private readonly compiled = new Map<string, CompiledQuery | null>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly maxDocuments = 1000,
  ) {
    readPromisedProperties(schema);
  }

  /** The compiled form of a query document, compiled on first use; null when graphql-js must run it. */
  compiledFor(document: DocumentNode, operation: OperationDefinitionNode | undefined, source: string | undefined, operationName: string | null | undefined): CompiledQuery | null {
    if (operation?.operation !== 'query' || source === undefined) return null;
    const key = `${operationName ?? ''}\n${source}`;
    const known = this.compiled.get(key);
    if (known !== undefined) return known;
    let compiled: CompiledQuery | null = null;
    if (!introspects(document)) {
      try {
        const result = compileQuery(this.schema, document, operationName ?? undefined);
        compiled = isCompiledQuery(result) ? result : null;
      } catch {
        compiled = null;
      }
    }
    if (this.compiled.size >= this.maxDocuments) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, compiled);
    return compiled;
  }

  async execute(args: {
    document: DocumentNode;
    operation?: OperationDefinitionNode;
    source?: string;
    operationName?: string | null;
    variables?: Record<string, unknown>;
    context: unknown;
  }): Promise<ExecutionResult> {
    const compiled = this.compiledFor(args.document, args.operation, args.source, args.operationName);
    if (compiled) {
      const result = await compiled.query(undefined, args.context, args.variables ?? {});
      // No data at all: the variables were refused before any resolver ran; graphql-js words that error.
      if (result.data !== undefined) return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
    }
    return execute({
      schema: this.schema,
      document: args.document,
      contextValue: args.context,
      variableValues: args.variables,
      operationName: args.operationName ?? undefined,
    });
  }

  /**
   * Apollo Server's way to take over execution: a "gateway" that serves this schema and executes with
   * `execute` (Apollo still parses, validates, caches documents and runs every plugin hook).
   */
  gateway(): GatewayInterface {
    const executor: GatewayExecutor = (request) =>
      this.execute({
        document: request.document,
        operation: request.operation,
        source: request.source,
        operationName: request.operationName ?? request.request.operationName,
        variables: request.request.variables,
        context: request.context,
      });
    return {
      load: async () => ({ executor }),
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: async () => undefined,
    };
  }
}

/**
 * The compiled code reads a field without a resolver as a plain property and does not wait for a promise there;
 * graphql-js does. A connection's totalCount is such a property (a getter that counts only when selected): it
 * gets a resolver that returns the property, which the compiled code awaits. Only those fields: a resolver per
 * field is what compiling saves.
 */
function readPromisedProperties(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const field = type.getFields().totalCount;
    if (field && !field.resolve) field.resolve = (parent: { totalCount?: unknown } | null) => parent?.totalCount;
  }
}

/**
 * graphql-jit's errors imitate graphql-js's but leave `extensions` undefined when the thrown error has none
 * (Apollo reads `extensions.code`): the same error as graphql-js would report it, with jit's locations.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? undefined });
  (copy as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return copy;
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}
