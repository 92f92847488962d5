import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { findInBatches } from '../../turns';
import { Club } from '../club/club.entity';
import { clubUnits } from '../club/club.service';
import { Member } from '../member/member.entity';
import { LockedClaim } from '../reporting/period-lock';
import { Checks } from '../shared/checks';
import { WriteTx } from '../shared/write';
import { changedFrom, lockedInputs } from '../shared/write-check';
import { HealthCheck } from './health-check.entity';
import { CareLevel, HomeCareHelp, ICOPE_DOMAINS, IcopeDomain, ScreeningResult } from './health.enums';
import { HomeCareVisit } from './home-care-visit.entity';

/**
 * The one check of health checks and home-care visits, for a batch of drafts (a mutation is a batch of one, a CSV
 * file a batch of many): members found in the caller's health area (ADMIN, or an association with the health
 * permission in its scope — the same rule as reading them), every problem of each draft, one draft per record,
 * the period lock, then whether the record is new, changed or as stored. A record is keyed by what it is about
 * (a member's check on a day; a volunteer's visit to a member on a day): recording it again replaces it.
 */

/** A member named by global id (mutations) or by its club's code and the submitter's member_ref (CSV). */
export type MemberRef = { id: number } | { clubCode: string; ref: string };

/** What the check decided for one draft. */
export type HealthVerdict<T> =
  /** The member's club lies outside the caller's health area (CSV rows; by id it answers as not found). */
  | { kind: 'outside' }
  | { kind: 'invalid' }
  | { kind: 'locked'; lock: LockedClaim }
  | { kind: 'write'; action: 'create' | 'update' | 'unchanged'; apply?: (tx: WriteTx) => T };

/** Mutations and imports of health records: ADMIN, or an association holding the health permission. */
export function requireHealthWriter(ctx: HubContext): void {
  ctx.access.requireWriter();
  if (!ctx.access.mayReadHealthAnywhere) throw new ForbiddenError('Health records need an ADMIN key, or an association key or account with the health permission');
}

type Found = { member: Member; club: Club } | 'outside' | 'missing';

/** The members of a batch, with their clubs, in a few statements; outside the caller's health area: 'outside'. */
async function findMembers(em: EntityManager, ctx: HubContext, refs: ReadonlyArray<MemberRef | undefined>, lock: boolean): Promise<Array<Found | undefined>> {
  // A real run locks the clubs' rows, as member writes do, so the memberships checked are those written against.
  const clubOptions = lock ? { lockMode: LockMode.PESSIMISTIC_WRITE as const } : {};
  const codes = [...new Set(refs.flatMap((r) => (r && 'clubCode' in r ? [r.clubCode] : [])))];
  const clubsByCode = new Map((await findInBatches(codes, (batch) => em.find(Club, { code: { $in: batch } }, clubOptions))).map((c) => [c.code, c]));
  const ids = [...new Set(refs.flatMap((r) => (r && 'id' in r ? [r.id] : [])))];
  const byId = new Map((await findInBatches(ids, (batch) => em.find(Member, { id: { $in: batch } }))).map((m) => [m.id, m]));
  // Members of clubs the caller may not write are never read (their rows are refused first).
  const allowedClubs = [...clubsByCode.values()].filter((c) => ctx.access.mayReadHealth(c.place));
  const wantedRefs = [...new Set(refs.flatMap((r) => (r && 'ref' in r ? [r.ref] : [])))];
  const byRef = new Map<string, Member>();
  if (allowedClubs.length && wantedRefs.length) {
    const found = await findInBatches(wantedRefs, (batch) => em.find(Member, { club: { $in: allowedClubs.map((c) => c.id) }, externalRef: { $in: batch } }));
    for (const m of found) byRef.set(`${m.club.id}|${m.externalRef}`, m);
  }
  const clubIds = [...new Set([...byId.values()].map((m) => m.club.id))];
  const clubsById = new Map((await findInBatches(clubIds, (batch) => em.find(Club, { id: { $in: batch } }, clubOptions))).map((c) => [c.id, c]));
  for (const c of clubsByCode.values()) clubsById.set(c.id, c);
  return refs.map((ref): Found | undefined => {
    if (!ref) return undefined;
    if ('id' in ref) {
      const member = byId.get(ref.id);
      const club = member && clubsById.get(member.club.id);
      // By id, a member outside the area answers as a missing one (nothing is learnt of it).
      return member && club && ctx.access.mayReadHealth(club.place) ? { member, club } : 'missing';
    }
    const club = clubsByCode.get(ref.clubCode);
    if (!club) return 'missing';
    if (!ctx.access.mayReadHealth(club.place)) return 'outside';
    const member = byRef.get(`${club.id}|${ref.ref}`);
    return member ? { member, club } : 'missing';
  });
}

function describeMissing(checks: Checks, field: string, ref: MemberRef | undefined, found: Found | undefined): void {
  if (!ref || found !== 'missing') return;
  if ('id' in ref) checks.add(field, 'No member has this id');
  else checks.add(field, `No member of club "${ref.clubCode}" has the reference "${ref.ref}"`);
}

/** A member on a day: a member then (joined on or before it, not left before it). */
function memberOn(checks: Checks, field: string, member: Member, day: string, what: string): void {
  if (day < member.joinedOn) checks.add(field, `The ${what} (${day}) is before the member joined the club (${member.joinedOn})`);
  else if (member.leftOn && day > member.leftOn) checks.add(field, `The ${what} (${day}) is after the member left the club (${member.leftOn})`);
}

// ---------------------------------------------------------------- health checks

export interface HealthCheckFields {
  checkedOn: string;
  systolic: number | null;
  diastolic: number | null;
  weightKg: number | null;
  heightCm: number | null;
  cognition: ScreeningResult;
  mobility: ScreeningResult;
  nutrition: ScreeningResult;
  vision: ScreeningResult;
  hearing: ScreeningResult;
  mood: ScreeningResult;
  referred: boolean;
  referralLevel: CareLevel | null;
}

/** One check to write. Field names are the mutation's input fields (the CSV reader maps them to columns). */
export interface HealthCheckDraft {
  checks: Checks;
  member: MemberRef | undefined;
  /** The field problems about the member go under (memberId, member_ref). */
  memberField: string;
  fields: { [K in keyof HealthCheckFields]?: HealthCheckFields[K] | null };
}

/** Plausible readings only: a typo (1400 for 140) is refused, not counted. */
const RANGES = { systolic: [60, 260], diastolic: [30, 160], heightCm: [100, 220] } as const;

function checkFields(draft: HealthCheckDraft): HealthCheckFields | undefined {
  const { checks, fields: f } = draft;
  const checkedOn = f.checkedOn ?? undefined;
  if (!checkedOn) {
    if (!checks.failed('checkedOn')) checks.add('checkedOn', 'The checked on date is required');
  } else checks.pastDate('checkedOn', checkedOn);
  for (const field of ['systolic', 'diastolic', 'heightCm'] as const) checks.integer(field, f[field], RANGES[field][0], RANGES[field][1]);
  if (f.weightKg !== null && f.weightKg !== undefined && !(f.weightKg >= 20 && f.weightKg <= 200)) checks.add('weightKg', 'The weight must be from 20 to 200 kg');
  const hasSystolic = f.systolic !== null && f.systolic !== undefined;
  const hasDiastolic = f.diastolic !== null && f.diastolic !== undefined;
  if (hasSystolic !== hasDiastolic) checks.add(hasSystolic ? 'diastolic' : 'systolic', 'A blood pressure reading needs both the systolic and the diastolic value');
  else if (hasSystolic && f.systolic! <= f.diastolic!) checks.add('systolic', `The systolic value (${f.systolic}) must be higher than the diastolic (${f.diastolic})`);
  const domains = Object.fromEntries(ICOPE_DOMAINS.map((d) => [d, f[d] ?? ScreeningResult.NOT_DONE])) as Record<IcopeDomain, ScreeningResult>;
  const screened = ICOPE_DOMAINS.some((d) => domains[d] !== ScreeningResult.NOT_DONE);
  const measured = hasSystolic || (f.weightKg ?? null) !== null || (f.heightCm ?? null) !== null;
  if (!screened && !measured) checks.add('checkedOn', 'A health check records a blood pressure reading, a weight or height, or at least one ICOPE screening domain');
  const referred = f.referred ?? false;
  if (referred && !f.referralLevel) checks.add('referralLevel', 'A referral needs the level of care referred to');
  if (!referred && f.referralLevel) checks.add('referralLevel', 'A referral level is given but the member was not referred');
  if (!checks.ok || !checkedOn) return undefined;
  return {
    checkedOn,
    systolic: f.systolic ?? null,
    diastolic: f.diastolic ?? null,
    weightKg: f.weightKg === null || f.weightKg === undefined ? null : Math.round(f.weightKg * 10) / 10,
    heightCm: f.heightCm ?? null,
    ...domains,
    referred,
    referralLevel: referred ? f.referralLevel! : null,
  };
}

const sameCheck = (c: HealthCheck, f: HealthCheckFields) =>
  (Object.keys(f) as Array<keyof HealthCheckFields>).every((k) => (c[k] ?? null) === (f[k] ?? null));

export async function checkHealthChecks(em: EntityManager, ctx: HubContext, drafts: readonly HealthCheckDraft[], opts: { lock: boolean }): Promise<Array<HealthVerdict<HealthCheck>>> {
  const found = await findMembers(em, ctx, drafts.map((d) => d.member), opts.lock);
  const verdicts: Array<HealthVerdict<HealthCheck>> = [];
  const pending: Array<{ i: number; member: Member; club: Club; fields: HealthCheckFields }> = [];
  const seen = new Map<string, number>();
  for (const [i, draft] of drafts.entries()) {
    const hit = found[i];
    if (hit === 'outside') {
      verdicts.push({ kind: 'outside' });
      continue;
    }
    if (!draft.member && !draft.checks.failed(draft.memberField)) draft.checks.add(draft.memberField, 'The member is required');
    describeMissing(draft.checks, draft.memberField, draft.member, hit);
    const fields = checkFields(draft);
    const target = hit && hit !== 'missing' ? hit : undefined;
    const day = draft.fields.checkedOn;
    if (target && day && !draft.checks.failed('checkedOn')) memberOn(draft.checks, 'checkedOn', target.member, day, 'checked on date');
    if (target && fields) {
      const key = `${target.member.id}|${fields.checkedOn}`;
      const first = seen.get(key);
      if (first !== undefined) draft.checks.add('checkedOn', `This member's check of ${fields.checkedOn} is given more than once (first as entry ${first + 1}): one per member and day`);
      else seen.set(key, i);
    }
    verdicts.push({ kind: 'invalid' });
    if (draft.checks.ok && target && fields) pending.push({ i, member: target.member, club: target.club, fields });
  }
  // A check counts in the 12 (and 3) months from its day: it claims its month and every later one.
  const locks = await lockedInputs(em, pending.map((p) => ({ claims: [changedFrom({ clubId: p.club.id }, p.fields.checkedOn)] })));
  const stored = new Map(
    (
      await findInBatches([...new Set(pending.map((p) => p.member.id))], (batch) =>
        em.find(HealthCheck, { member: { $in: batch }, checkedOn: { $in: [...new Set(pending.map((p) => p.fields.checkedOn))] } }, opts.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE as const } : {}),
      )
    ).map((c) => [`${c.member.id}|${c.checkedOn}`, c]),
  );
  for (const [j, { i, member, club, fields }] of pending.entries()) {
    const lock = locks.get(j);
    if (lock) {
      verdicts[i] = { kind: 'locked', lock };
      continue;
    }
    const existing = stored.get(`${member.id}|${fields.checkedOn}`);
    if (existing && sameCheck(existing, fields)) {
      verdicts[i] = { kind: 'write', action: 'unchanged', apply: () => existing };
      continue;
    }
    verdicts[i] = {
      kind: 'write',
      action: existing ? 'update' : 'create',
      apply: ({ em: tx, ctx: writer, audit }) => {
        const check = existing ? tx.merge(existing) : Object.assign(new HealthCheck(), { club: tx.getReference(Club, club.id), member: tx.getReference(Member, member.id) });
        audit.track(check, () => clubUnits(writer.units, club));
        Object.assign(check, fields);
        if (!existing) tx.persist(check);
        return check;
      },
    };
  }
  return verdicts;
}

// ---------------------------------------------------------------- home-care visits

export interface HomeCareVisitDraft {
  checks: Checks;
  volunteer: MemberRef | undefined;
  visited: MemberRef | undefined;
  fields: { volunteer: string; visited: string };
  visitedOn: string | null | undefined;
  help: HomeCareHelp | null | undefined;
}

export async function checkHomeCareVisits(
  em: EntityManager,
  ctx: HubContext,
  drafts: readonly HomeCareVisitDraft[],
  opts: { lock: boolean },
): Promise<Array<HealthVerdict<HomeCareVisit>>> {
  const found = await findMembers(em, ctx, drafts.flatMap((d) => [d.volunteer, d.visited]), opts.lock);
  const verdicts: Array<HealthVerdict<HomeCareVisit>> = [];
  const pending: Array<{ i: number; volunteer: Member; visited: Member; club: Club; visitedOn: string; help: HomeCareHelp }> = [];
  const seen = new Map<string, number>();
  for (const [i, draft] of drafts.entries()) {
    const { checks } = draft;
    const [volunteer, visited] = [found[2 * i], found[2 * i + 1]];
    if (volunteer === 'outside' || visited === 'outside') {
      verdicts.push({ kind: 'outside' });
      continue;
    }
    for (const [ref, hit, field] of [[draft.volunteer, volunteer, draft.fields.volunteer], [draft.visited, visited, draft.fields.visited]] as const) {
      if (!ref && !checks.failed(field)) checks.add(field, 'The member is required');
      describeMissing(checks, field, ref, hit);
    }
    const visitedOn = draft.visitedOn ?? undefined;
    if (!visitedOn) {
      if (!checks.failed('visitedOn')) checks.add('visitedOn', 'The visited on date is required');
    } else checks.pastDate('visitedOn', visitedOn);
    if (!draft.help && !checks.failed('help')) checks.add('help', 'The kind of help is required');
    const v = volunteer && volunteer !== 'missing' ? volunteer : undefined;
    const m = visited && visited !== 'missing' ? visited : undefined;
    if (v && m) {
      if (v.member.id === m.member.id) checks.add(draft.fields.visited, 'A volunteer does not visit themself');
      else if (v.club.id !== m.club.id) checks.add(draft.fields.visited, `The volunteer is a member of ${v.club.code}, the member visited of ${m.club.code}: home care is given within a club`);
      if (!v.member.homeCareVolunteer) checks.add(draft.fields.volunteer, 'The volunteer is not marked as a home-care volunteer of the club (set home_care_volunteer on the member first)');
      if (visitedOn && !checks.failed('visitedOn')) {
        memberOn(checks, draft.fields.volunteer, v.member, visitedOn, 'visit');
        memberOn(checks, draft.fields.visited, m.member, visitedOn, 'visit');
        const key = `${v.member.id}|${m.member.id}|${visitedOn}`;
        const first = seen.get(key);
        if (first !== undefined) checks.add('visitedOn', `This visit is given more than once (first as entry ${first + 1}): one per volunteer, member and day`);
        else seen.set(key, i);
      }
    }
    verdicts.push({ kind: 'invalid' });
    if (checks.ok && v && m && visitedOn && draft.help) pending.push({ i, volunteer: v.member, visited: m.member, club: m.club, visitedOn, help: draft.help });
  }
  const locks = await lockedInputs(em, pending.map((p) => ({ claims: [changedFrom({ clubId: p.club.id }, p.visitedOn)] })));
  const stored = new Map(
    (
      await findInBatches([...new Set(pending.map((p) => p.visited.id))], (batch) =>
        em.find(HomeCareVisit, { visited: { $in: batch }, visitedOn: { $in: [...new Set(pending.map((p) => p.visitedOn))] } }, opts.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE as const } : {}),
      )
    ).map((x) => [`${x.volunteer.id}|${x.visited.id}|${x.visitedOn}`, x]),
  );
  for (const [j, { i, volunteer, visited, club, visitedOn, help }] of pending.entries()) {
    const lock = locks.get(j);
    if (lock) {
      verdicts[i] = { kind: 'locked', lock };
      continue;
    }
    const existing = stored.get(`${volunteer.id}|${visited.id}|${visitedOn}`);
    if (existing && existing.help === help) {
      verdicts[i] = { kind: 'write', action: 'unchanged', apply: () => existing };
      continue;
    }
    verdicts[i] = {
      kind: 'write',
      action: existing ? 'update' : 'create',
      apply: ({ em: tx, ctx: writer, audit }) => {
        const visit = existing
          ? tx.merge(existing)
          : Object.assign(new HomeCareVisit(), {
              club: tx.getReference(Club, club.id),
              volunteer: tx.getReference(Member, volunteer.id),
              visited: tx.getReference(Member, visited.id),
              visitedOn,
            });
        audit.track(visit, () => clubUnits(writer.units, club));
        visit.help = help;
        if (!existing) tx.persist(visit);
        return visit;
      },
    };
  }
  return verdicts;
}
