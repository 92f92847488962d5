import { AwardKind } from '../../src/modules/award/award.enums';
import { AS_OF, day, REFORM, yearOf } from './dates';
import { MemberDraft } from './members';
import { ClubPlan } from './plan';
import { unitLabel } from './places';
import { Unit } from './reference';
import { Rng } from './rng';
import {
  AWARD_REASONS_ASSOCIATION, AWARD_REASONS_CLUB, AWARD_REASONS_MEMBER, MINISTRY_BEFORE_2025, MINISTRY_FROM_2025,
  NATIONAL_ASSOCIATION,
} from './vocab';

/**
 * Bằng khen, giấy khen and commemorative medals to clubs, to members (board members and volunteers) and to
 * the associations of provinces and districts, from the bodies that would issue them at the time: districts
 * only exist before 1 July 2025, the post-2025 provinces only after.
 */
export type Recipient = { club: number } | { member: MemberDraft } | { unitId: number };

export interface AwardDraft {
  kind: AwardKind;
  issuer: string;
  decisionNumber: string;
  grantedOn: number;
  recipient: Recipient;
  reason: string;
}

interface Issuer {
  name: string;
  decisionNumber: string;
}

const ubnd = (rng: Rng, unit: Unit): Issuer => ({ name: `UBND ${unitLabel(unit)}`, decisionNumber: `${rng.int(1, 4500)}/QĐ-UBND` });
const association = (rng: Rng, unit: Unit): Issuer => ({
  name: `Hội Người cao tuổi ${unitLabel(unit)}`,
  decisionNumber: `${rng.int(1, 300)}/QĐ-HNCT`,
});
const national = (rng: Rng): Issuer => ({ name: NATIONAL_ASSOCIATION, decisionNumber: `${rng.int(1, 900)}/QĐ-TWH` });
const ministry = (rng: Rng, d: number): Issuer =>
  d < REFORM
    ? { name: MINISTRY_BEFORE_2025, decisionNumber: `${rng.int(1, 2500)}/QĐ-LĐTBXH` }
    : { name: MINISTRY_FROM_2025, decisionNumber: `${rng.int(1, 2500)}/QĐ-BYT` };

/** Who recognises a club or its members on a given day: local bodies for giấy khen, provincial or national for bằng khen. */
function issuerFor(rng: Rng, plan: ClubPlan, kind: AwardKind, d: number): Issuer {
  const before = d < REFORM && plan.pre !== null;
  if (kind === AwardKind.KY_NIEM_CHUONG) return national(rng);
  if (kind === AwardKind.BANG_KHEN) {
    if (rng.chance(0.3)) return national(rng);
    return ubnd(rng, before ? plan.pre!.province : plan.post.province);
  }
  if (before) return rng.chance(0.6) ? ubnd(rng, plan.pre!.district) : association(rng, plan.pre!.province);
  return rng.chance(0.5) ? ubnd(rng, plan.post) : association(rng, plan.post.province);
}

/** A day in the year within [from, to], or null when the year does not overlap. */
function dayInYear(rng: Rng, year: number, from: number, to: number): number | null {
  const lo = Math.max(from, day(year, 1, 1));
  const hi = Math.min(to, day(year, 12, 31));
  return lo <= hi ? rng.int(lo, hi) : null;
}

export function clubAwards(rng: Rng, plan: ClubPlan, members: MemberDraft[]): AwardDraft[] {
  const awards: AwardDraft[] = [];
  const end = Math.min(AS_OF, plan.dissolvedOn !== null ? plan.dissolvedOn - 1 : AS_OF);
  const give = (kind: AwardKind, grantedOn: number, recipient: Recipient, reason: string) => {
    const issuer = issuerFor(rng, plan, kind, grantedOn);
    awards.push({ kind, issuer: issuer.name, decisionNumber: issuer.decisionNumber, grantedOn, recipient, reason });
  };
  for (let year = yearOf(plan.foundedOn) + 1; year <= yearOf(end); year++) {
    const u = rng.float();
    if (u >= 0.04) continue;
    const d = dayInYear(rng, year, plan.foundedOn + 365, end);
    if (d !== null) give(u < 0.03 ? AwardKind.GIAY_KHEN : AwardKind.BANG_KHEN, d, { club: plan.id }, rng.pick(AWARD_REASONS_CLUB));
  }
  for (const m of members) {
    const yearly = m.boardRole !== null ? 0.006 : m.homeCareVolunteer ? 0.003 : 0;
    if (yearly === 0) continue;
    const until = Math.min(end, m.leftOn - 1);
    for (let year = yearOf(m.joinedOn) + 1; year <= yearOf(until); year++) {
      if (!rng.chance(yearly)) continue;
      const d = dayInYear(rng, year, m.joinedOn + 365, until);
      if (d === null) continue;
      const u = rng.float();
      const kind = u < 0.75 ? AwardKind.GIAY_KHEN : u < 0.85 ? AwardKind.BANG_KHEN : AwardKind.KY_NIEM_CHUONG;
      give(kind, d, { member: m }, rng.pick(AWARD_REASONS_MEMBER));
    }
  }
  return awards;
}

export interface AssociationUnits {
  /** PRE_2025 provinces with their districts that hold clubs. */
  provinces: Array<{ province: Unit; districts: Unit[] }>;
  /** POST_2025 provinces that hold clubs. */
  postProvinces: Unit[];
}

/** Awards to the associations that steered the clubs' scale-up, by province and district. */
export function associationAwards(rng: Rng, units: AssociationUnits): AwardDraft[] {
  const awards: AwardDraft[] = [];
  const give = (kind: AwardKind, issuer: Issuer, grantedOn: number, unit: Unit) =>
    awards.push({
      kind, issuer: issuer.name, decisionNumber: issuer.decisionNumber, grantedOn, recipient: { unitId: unit.id },
      reason: rng.pick(AWARD_REASONS_ASSOCIATION),
    });
  for (const { province, districts } of units.provinces) {
    for (let year = 2010; year <= 2025; year++) {
      const d = dayInYear(rng, year, day(2010, 1, 1), REFORM - 1);
      if (d !== null && rng.chance(0.25)) give(AwardKind.BANG_KHEN, rng.chance(0.6) ? national(rng) : ministry(rng, d), d, province);
      for (const district of districts) {
        if (!rng.chance(0.03)) continue;
        const dd = dayInYear(rng, year, day(2012, 1, 1), REFORM - 1);
        if (dd === null) continue;
        const bang = rng.chance(0.3);
        give(bang ? AwardKind.BANG_KHEN : AwardKind.GIAY_KHEN, bang ? ubnd(rng, province) : association(rng, province), dd, district);
      }
    }
  }
  for (const province of units.postProvinces) {
    for (const year of [2025, 2026]) {
      const d = dayInYear(rng, year, REFORM, AS_OF);
      if (d !== null && rng.chance(0.4)) give(AwardKind.BANG_KHEN, rng.chance(0.6) ? national(rng) : ministry(rng, d), d, province);
    }
  }
  return awards;
}
