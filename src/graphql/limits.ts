import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getNamedType, GraphQLError, GraphQLSchema, isLeafType, Kind, ValidationContext, ValidationRule, visit } from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { ErrorCode } from '../errors';
import { DEFAULT_PAGE_SIZE } from './pagination';

/** Budgets checked before any resolver runs (named settings, see config.ts). */
export interface QueryLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  /** Field cost, multiplied along lists by their page size. */
  cost: number;
  /** Objects the answer may hold at most (products of page sizes). */
  nodes: number;
}

export function tooComplex(message: string, figure: number, limit: number, budget: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, budget, figure, limit, http: { status: 400 } },
  });
}

/** graphql-armor's depth, alias and directive rules, reporting QUERY_TOO_COMPLEX with the figure and the limit. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  const report = (budget: string, limit: number) => [
    (ctx: ValidationContext | null, error: GraphQLError) => {
      const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
      ctx?.reportError(tooComplex(`Query ${budget} ${found} exceeds the limit of ${limit}`, found, limit, budget));
    },
  ];
  const common = { exposeLimits: true, propagateOnRejection: false };
  return [
    maxDepthRule({ ...common, n: limits.depth, flattenFragments: true, onReject: report('depth', limits.depth) }) as ValidationRule,
    maxAliasesRule({ ...common, n: limits.aliases, onReject: report('aliases', limits.aliases) }) as ValidationRule,
    maxDirectivesRule({ ...common, n: limits.directives, onReject: report('directives', limits.directives) }) as ValidationRule,
  ];
}

/**
 * Typical (average) sizes of lists without page arguments: units are bounded reference data (63 provinces
 * with 11 districts and 160 communes on average before 2025, 15 communes a district); a club's board and
 * funds are short.
 */
const LIST_SIZES: Record<string, number> = {
  'Query.provinces': 63,
  'Nation.provinces': 63,
  'Province.districts': 11,
  'Province.communes': 160,
  'District.communes': 15,
  'Club.board': 7,
  'Club.funds': 3,
  'Club.awards': 20,
  'Member.loans': 20,
  'Member.trainings': 20,
  'Member.awards': 20,
};

/** Multiplier of a field: its page size (first/last), the ids asked for, or the size of a bounded list. */
function multiplier(typeName: string, fieldName: string, args: Record<string, unknown>): number {
  if (typeof args.first === 'number') return args.first;
  if (typeof args.last === 'number') return args.last;
  if (Array.isArray(args.ids)) return args.ids.length;
  if ('first' in args || 'last' in args || 'after' in args || 'before' in args) return DEFAULT_PAGE_SIZE;
  return LIST_SIZES[`${typeName}.${fieldName}`] ?? 1;
}

const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) =>
  1 + multiplier(type.name, field.name, args) * childComplexity;

/** Counts objects only: a field returning objects holds its multiplier times (itself and what it holds). */
const nodeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) =>
  isLeafType(getNamedType(field.type)) ? 0 : multiplier(type.name, field.name, args) * (1 + childComplexity);

export interface CostReport {
  cost: number;
  nodes: number;
}

type Document = Parameters<typeof getComplexity>[0]['query'];

/** The operation's cost and node count, computed on the executable schema with the request's variables. */
export function measure(schema: GraphQLSchema, document: Document, variables: Record<string, unknown>, operationName?: string): CostReport {
  const cost = getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator] });
  const nodes = getComplexity({ schema, query: document, variables, operationName, estimators: [nodeEstimator] });
  return { cost, nodes };
}

/** Arguments that can change a field's multiplier (see multiplier); directives (@include, @skip) can drop fields. */
const COST_ARGUMENTS = new Set(['first', 'last', 'ids', 'after', 'before']);

/** The variables a document's cost can depend on: those used in cost arguments or in directives. */
function costVariablesOf(document: Document): string[] {
  const names = new Set<string>();
  let inDirective = 0;
  let inCostArgument = 0;
  visit(document, {
    Directive: { enter: () => void inDirective++, leave: () => void inDirective-- },
    Argument: {
      enter: (node) => void (COST_ARGUMENTS.has(node.name.value) && inCostArgument++),
      leave: (node) => void (COST_ARGUMENTS.has(node.name.value) && inCostArgument--),
    },
    Variable: (node) => {
      if (inDirective > 0 || inCostArgument > 0) names.add(node.name.value);
    },
  });
  return [...names];
}

/**
 * Reports of recent measurements per parsed document (Apollo hands the same document object to every request
 * with the same text), by operation name and the values of the variables the cost can depend on: a club's
 * code or a province's does not change what a query may cost, so a query asked for any club is measured
 * once. The report is a pure function of those inputs.
 */
const measured = new WeakMap<Document, { variables: string[]; reports: Map<string, CostReport> }>();
const REPORTS_PER_DOCUMENT = 100;

function measureOnce(schema: GraphQLSchema, document: Document, variables: Record<string, unknown>, operationName?: string): CostReport {
  let entry = measured.get(document);
  if (!entry) measured.set(document, (entry = { variables: costVariablesOf(document), reports: new Map() }));
  // Absent and null differ (a default applies only to an absent variable).
  const values = entry.variables.map((name) => (Object.prototype.hasOwnProperty.call(variables, name) ? [variables[name]] : []));
  const key = `${operationName ?? ''}|${JSON.stringify(values)}`;
  let report = entry.reports.get(key);
  if (!report) {
    report = measure(schema, document, variables, operationName);
    if (entry.reports.size >= REPORTS_PER_DOCUMENT) entry.reports.clear();
    entry.reports.set(key, report);
  }
  return report;
}

/** A variable value the operation's types refuse (graphql-js's coercion messages); execution reports it. */
function isVariableError(err: unknown): boolean {
  return err instanceof GraphQLError && err.nodes?.length === 1 && err.nodes[0].kind === Kind.VARIABLE_DEFINITION;
}

/** Refuses, before execution, an operation over the cost or node budget. */
export function budgetPlugin<C extends BaseContext>(limits: QueryLimits, onMeasured?: (report: CostReport, ctx: C) => Promise<void>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName, contextValue }) {
          let report: CostReport;
          try {
            report = measureOnce(schema, document, request.variables ?? {}, operationName ?? undefined);
          } catch (err) {
            // Invalid variables: execution refuses them with BAD_USER_INPUT before any resolver runs (no cost).
            if (isVariableError(err)) return;
            throw err;
          }
          if (report.cost > limits.cost) throw tooComplex(`Query cost ${report.cost} exceeds the limit of ${limits.cost}`, report.cost, limits.cost, 'cost');
          if (report.nodes > limits.nodes) throw tooComplex(`Query may return ${report.nodes} objects; the limit is ${limits.nodes}`, report.nodes, limits.nodes, 'nodes');
          await onMeasured?.(report, contextValue);
        },
      };
    },
  };
}
