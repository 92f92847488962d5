import { GraphQLResponse, TestHub } from '../support/hub';

/** The error of a response that must have failed with a code (and, for BAD_USER_INPUT, the field named). */
export function errorOf(res: GraphQLResponse, code: string, field?: string) {
  expect(res.errors).toBeDefined();
  const error = res.errors![0];
  expect(error.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
  return error;
}

/** Fails with the errors in the message when a write did not succeed. */
export function ok<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.errors, null, 1)}`);
  return res.data!;
}

/** The audit entries of one record, newest first. */
export async function auditOf(hub: TestHub, entityId: string, key?: string): Promise<any[]> {
  const res = await hub.operation('audit/AuditLog.graphql', { entityId, first: 100 }, key);
  return ok(res).auditLog.edges.map((e: any) => e.node);
}

/** Row counts and a checksum of every table a write may touch (for "nothing changed"). */
export async function tableState(hub: TestHub): Promise<Record<string, string>> {
  const tables = ['club', 'member', 'meeting', 'fund', 'fund_transaction', 'loan', 'training_course', 'trainee', 'award', 'target', 'audit_entry', 'club_summary'];
  const state: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await hub.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ n: string; sum: string | null }>>(`select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as sum from ${table} t`);
    state[table] = `${row.n}:${row.sum}`;
  }
  return state;
}

export const HA_TINH_PRE = { structure: 'PRE_2025' as never, code: '42' };
export const DAK_LAK_PRE = { structure: 'PRE_2025' as never, code: '66' };
