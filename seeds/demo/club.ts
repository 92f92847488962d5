import { clubAwards } from './awards';
import { Batch } from './copy';
import { generateFunds } from './funds';
import { generateMeetings } from './meetings';
import { generateMembers, HeadCount } from './members';
import { ClubPlan } from './plan';
import { clubReports, clubVisits, ProvinceProfile } from './reporting';
import { Rng } from './rng';
import { awardRow, clubRow, fundRow, loanRow, meetingRow, memberRow, TableName, transactionRow } from './rows';
import { BoardMember } from './training';

/** Primary keys 1..n per table, in the order rows are generated. */
export class Ids {
  private readonly last = new Map<TableName, number>();

  take(table: TableName): number {
    const id = (this.last.get(table) ?? 0) + 1;
    this.last.set(table, id);
    return id;
  }
}

/** Independent random streams per concern, so that changing how meetings are drawn leaves the members as they were. */
const STREAM = { members: 1, meetings: 2, funds: 3, awards: 4, reports: 8, visits: 9 } as const;

/** Generates one club with everything that hangs off it and appends the rows to the batch. */
export function writeClub(seed: number, plan: ClubPlan, ids: Ids, batch: Batch, board: BoardMember[], profile: ProvinceProfile): void {
  const members = generateMembers(new Rng(seed, STREAM.members, plan.id), plan);
  const heads = new HeadCount(members);
  const meetings = generateMeetings(new Rng(seed, STREAM.meetings, plan.id), plan, heads);
  const { funds, loans } = generateFunds(new Rng(seed, STREAM.funds, plan.id), plan, members, heads, meetings);
  const awards = clubAwards(new Rng(seed, STREAM.awards, plan.id), plan, members);

  if (ids.take('club') !== plan.id) throw new Error(`clubs must be written in id order (club ${plan.id})`);
  batch.row('club', clubRow(plan));
  for (const m of members) {
    m.id = ids.take('member');
    batch.row('member', memberRow(m, plan.id));
    if (m.boardRole !== null) {
      board.push({
        memberId: m.id,
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
        province: plan.pre?.province ?? null,
        district: plan.pre?.district ?? null,
        postProvince: plan.post.province,
      });
    }
  }
  for (const m of meetings) batch.row('meeting', meetingRow(ids.take('meeting'), plan.id, m));
  for (const f of funds) {
    f.id = ids.take('fund');
    batch.row('fund', fundRow(f, plan.id));
  }
  for (const l of loans) {
    l.id = ids.take('loan');
    batch.row('loan', loanRow(l));
  }
  for (const f of funds) {
    f.ledger.sort((a, b) => a.day - b.day);
    for (const t of f.ledger) batch.row('fund_transaction', transactionRow(ids.take('fund_transaction'), f.id, t));
  }
  for (const a of awards) batch.row('award', awardRow(ids.take('award'), a));
  for (const r of clubReports(new Rng(seed, STREAM.reports, plan.id), plan, members, meetings, funds, profile)) batch.row('club_report', `${ids.take('club_report')}\t${r}`);
  for (const v of clubVisits(new Rng(seed, STREAM.visits, plan.id), plan, profile)) batch.row('supervision_visit', `${ids.take('supervision_visit')}\t${v}`);
}
