import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Club } from '../club/club.entity';
import { clubUnits } from '../club/club.service';
import { Fund, FundTransaction } from '../fund/fund.entity';
import { ContributionSource, FundKind, TransactionKind } from '../fund/fund.enums';
import { checkTransactionFields, TransactionFields } from '../fund/fund.rules';
import { Member } from '../member/member.entity';
import { CsvRow, RowProblem } from './csv-input';
import { clubsInArea, duplicates, Importer, ImportSession, outsideArea, PlannedRow } from './import.types';
import { RowReader } from './row-reader';
import { ownerOf } from '../shared/record-owner';
import { changedFrom } from '../shared/write-check';
import { eachInTurns, findInBatches, mapInTurns } from '../../turns';

const COLUMNS = {
  required: ['club_code', 'fund_kind', 'transaction_ref', 'occurred_on', 'kind', 'amount'],
  optional: ['source', 'member_ref', 'note'],
} as const;

const COLUMN_OF = { externalRef: 'transaction_ref', memberId: 'member_ref', occurredOn: 'occurred_on' };

const FIELDS = ['occurredOn', 'kind', 'amount', 'source', 'note'] as const;

function changes(transaction: FundTransaction, fields: TransactionFields): boolean {
  const stored = transaction as unknown as Record<string, unknown>;
  const differs = FIELDS.some((key) => fields[key] !== undefined && String(fields[key] ?? null) !== String(stored[key] ?? null));
  return differs || (fields.member !== undefined && (fields.member?.id ?? null) !== (transaction.member?.id ?? null));
}

/**
 * A fund ledger: one row per entry, keyed by (club_code, fund_kind, transaction_ref); the fund is the club's
 * only fund of that kind. Loan disbursements and repayments are not imported: they go with their loan.
 */
export const transactionImport: Importer = {
  kind: 'fund-transactions',
  columns: COLUMNS,
  async plan({ em, ctx, lock }: ImportSession, rows: CsvRow[]) {
    const lockMode = { lockMode: lock ? LockMode.PESSIMISTIC_WRITE : LockMode.NONE } as const;
    const readers = await mapInTurns(rows, (csv) => new RowReader(csv, COLUMN_OF));
    const clubCodes = await mapInTurns(readers, (r) => r.text('club_code', { max: 32, required: true }) ?? undefined);
    const fundKinds = await mapInTurns(readers, (r) => r.choice('fund_kind', FundKind) ?? undefined);
    const refs = await mapInTurns(readers, (r) => r.text('transaction_ref', { max: 64, required: true }) ?? undefined);
    const memberRefs = await mapInTurns(readers, (r) => r.text('member_ref', { max: 64 }) ?? undefined);
    const repeated = duplicates(
      readers.map((r, i) => ({ row: r.row, key: clubCodes[i] && fundKinds[i] && refs[i] ? [clubCodes[i], fundKinds[i], refs[i]] : undefined })),
      'transaction_ref',
      ([club, kind, ref]) => `The entry ${ref} of the ${kind} fund of club ${club}`,
    );
    const named = await em.find(Club, { code: { $in: [...new Set(clubCodes.filter((c): c is string => !!c))] } });
    const { clubs, outside } = clubsInArea(ctx, named);
    const clubIds = [...clubs.values()].map((c) => c.id);
    const funds = await em.find(Fund, { club: { $in: clubIds } }, { orderBy: { id: 'asc' } });
    const stored = new Map(
      (await findInBatches(refs.filter((r): r is string => !!r), (batch) => em.find(FundTransaction, { fund: { $in: funds.map((f) => f.id) }, externalRef: { $in: batch } }, lockMode))).map((t) => [
        `${t.fund.id}|${t.externalRef}`,
        t,
      ]),
    );
    const members = new Map(
      (await em.find(Member, { club: { $in: clubIds }, externalRef: { $in: memberRefs.filter((r): r is string => !!r) } })).map((m) => [`${m.club.id}|${m.externalRef}`, m]),
    );

    const planned: PlannedRow[] = [];
    const problems: RowProblem[] = [];
    await eachInTurns(readers, (reader, i) => {
      if (clubCodes[i] && outside.has(clubCodes[i]!)) return problems.push(outsideArea(reader.row, 'club_code'));
      const club = clubCodes[i] ? clubs.get(clubCodes[i]!) : undefined;
      if (clubCodes[i] && !club) reader.add('club_code', `No club has the code "${clubCodes[i]}"`);
      const kind = reader.choice('kind', TransactionKind);
      const amount = reader.money('amount');
      const occurredOn = reader.date('occurred_on');
      const source = reader.choice('source', ContributionSource);
      const ofKind = club && fundKinds[i] ? funds.filter((f) => f.club.id === club.id && f.kind === fundKinds[i]) : [];
      if (club && fundKinds[i] && ofKind.length !== 1) {
        reader.add('fund_kind', ofKind.length ? `The club ${club.code} has ${ofKind.length} ${fundKinds[i]} funds: the file cannot tell them apart` : `The club ${club.code} has no ${fundKinds[i]} fund: open it first (openFund)`);
      }
      const member = club && memberRefs[i] ? members.get(`${club.id}|${memberRefs[i]}`) : undefined;
      if (club && memberRefs[i] && !member) reader.add('member_ref', `The club ${club.code} has no member with the reference "${memberRefs[i]}"`);
      if (!club || ofKind.length !== 1 || !reader.ok || !kind || !amount || !occurredOn) {
        if (!amount && reader.csv.cells.get('amount')?.trim() === '') reader.add('amount', 'The amount is required');
        if (!occurredOn && reader.csv.cells.get('occurred_on')?.trim() === '') reader.add('occurred_on', 'The occurred on date is required');
        if (!kind && reader.csv.cells.get('kind')?.trim() === '') reader.add('kind', 'The kind is required');
        return problems.push(...reader.problems(), ...(repeated.has(reader.row) ? [repeated.get(reader.row)!] : []));
      }
      const fund = ofKind[0];
      const fields = checkTransactionFields(
        reader.checks,
        { occurredOn, kind, amount, source: reader.csv.cells.has('source') ? source : undefined, member: reader.csv.cells.has('member_ref') ? (member ?? null) : undefined, note: reader.csv.cells.get('note'), externalRef: refs[i] },
        fund,
        club,
      );
      const rowProblems = [...reader.problems(), ...(repeated.has(reader.row) ? [repeated.get(reader.row)!] : [])];
      if (rowProblems.length) return problems.push(...rowProblems);
      const existing = stored.get(`${fund.id}|${refs[i]}`);
      const assign = (tx: EntityManager, t: FundTransaction) => {
        for (const key of FIELDS) if (fields[key] !== undefined) (t as unknown as Record<string, unknown>)[key] = fields[key];
        if (fields.member !== undefined) t.member = (fields.member ? tx.getReference(Member, fields.member.id) : null) as Member;
        t.externalRef = refs[i];
      };
      if (!existing) {
        planned.push({
          row: reader.row,
          action: 'create',
          claims: [changedFrom(ownerOf(club), fields.occurredOn)],
          apply: ({ em: tx, audit }) => {
            const created = Object.assign(new FundTransaction(), { fund: tx.getReference(Fund, fund.id) });
            assign(tx, created);
            tx.persist(created);
            audit.track(created, () => clubUnits(ctx.units, club));
          },
        });
      } else if (changes(existing, fields)) {
        planned.push({
          row: reader.row,
          action: 'update',
          // A change of what the figures read (day, kind, amount, source, member) claims from the earlier of
          // the entry's old and new day; a note alone claims nothing.
          claims: [changes(existing, { ...fields, note: undefined }) ? changedFrom(ownerOf(club), existing.occurredOn, fields.occurredOn) : null],
          apply: ({ em: tx, audit }) => {
            tx.merge(existing);
            audit.track(existing, () => clubUnits(ctx.units, club));
            assign(tx, existing);
          },
        });
      } else planned.push({ row: reader.row, action: 'unchanged' });
    });
    return { planned, problems };
  },
};
