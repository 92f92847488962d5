import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { execute, ExecutionResult, GraphQLSchema, parse, getOperationAST } from 'graphql';
import { Admission } from '../../src/admission';
import { Role, Viewer, ANONYMOUS_VIEWER } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config';
import { createContext } from '../../src/context';
import { CompiledExecution } from '../../src/graphql/compiled-execution';
import { buildSubgraph } from '../../src/graphql/federation';
import { createLogger } from '../../src/logger';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { startTestHub, TestHub } from '../support/hub';
import { buildFixture } from './fixture';

/**
 * Queries run compiled (graphql-jit) must answer exactly as graphql-js does: the same data, and the same errors
 * (message, path, locations, extensions), for every viewer — personal fields refused at their paths included.
 */
let hub: TestHub;
let schema: GraphQLSchema;
let compiled: CompiledExecution;
beforeAll(async () => {
  hub = await startTestHub();
  await buildFixture(hub);
  schema = await buildSubgraph();
  compiled = new CompiledExecution(schema);
});
afterAll(async () => {
  await hub?.stop();
});

const OPERATIONS = path.resolve(__dirname, '..', '..', 'schema', 'operations');
const viewer = (role: Role, scope: Viewer['scope'] = null): Viewer => ({
  ...ANONYMOUS_VIEWER,
  role,
  organisation: 'test',
  keyId: 1,
  scope,
  mayReadPersonalData: role === Role.ADMIN || role === Role.ASSOCIATION,
});

/** Errors as a client sees them, without what differs per run. */
const comparable = (result: ExecutionResult) => ({
  data: result.data,
  errors: result.errors?.map((e) => ({ message: e.message, path: e.path, locations: e.locations, code: e.extensions?.code })),
});

async function both(file: string, variables: Record<string, unknown>, as: Viewer) {
  const source = fs.readFileSync(path.join(OPERATIONS, file), 'utf8');
  const document = parse(source);
  const operation = getOperationAST(document) ?? undefined;
  const context = () =>
    createContext({ em: hub.orm.em, units: hub.units, requestId: 'test', logger: createLogger('silent'), viewer: as, admission: new Admission(loadConfig({}), hub.orm) });
  const fromJs = await execute({ schema, document, contextValue: context(), variableValues: variables });
  const fromCompiled = await compiled.execute({ document, operation, source, operationName: operation?.name?.value, variables, context: context() });
  expect(compiled.compiledFor(document, operation, source, operation?.name?.value)).not.toBeNull();
  return { js: comparable(fromJs), compiled: comparable(fromCompiled) };
}

const CASES: Array<[string, Record<string, unknown>]> = [
  ['club/ClubWithUnits.graphql', { code: 'HT-18769-01' }],
  ['club/ClubByCode.graphql', { code: 'HT-18769-01' }],
  ['club/Clubs.graphql', { first: 3 }],
  ['admin-unit/ProvinceCounts.graphql', { structure: 'PRE_2025' }],
  ['member/ProvinceClubMembers.graphql', { structure: 'PRE_2025', code: '42', clubs: 50, members: 20 }],
];

describe('compiled queries answer as graphql-js does', () => {
  it.each(CASES)('%s for an ADMIN key, a PARTNER key and an association of another province', async (file, variables) => {
    for (const as of [viewer(Role.ADMIN), viewer(Role.PARTNER), viewer(Role.ASSOCIATION, { structure: AdminStructure.PRE_2025, code: '66' })]) {
      const { js, compiled: fromCompiled } = await both(file, variables, as);
      expect(fromCompiled).toEqual(js);
    }
  });

  it('leaves refused variables to graphql-js, so the error reads as before', async () => {
    const source = 'query ($code: String!) { club(code: $code) { name } }';
    const document = parse(source);
    const context = createContext({ em: hub.orm.em, units: hub.units, requestId: 'test', logger: createLogger('silent'), admission: new Admission(loadConfig({}), hub.orm) });
    const result = await compiled.execute({ document, operation: getOperationAST(document) ?? undefined, source, variables: { code: 5 }, context });
    const expected = await execute({ schema, document, contextValue: context, variableValues: { code: 5 } });
    expect(comparable(result)).toEqual(comparable(expected));
    expect(result.errors?.[0].message).toContain('String cannot represent a non string value');
  });

  it('answers BAD_USER_INPUT over HTTP for a variable of the wrong type', async () => {
    const res = await hub.graphql('query ($code: String!) { club(code: $code) { name } }', { code: 5 });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
