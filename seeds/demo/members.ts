import { BoardRole, LeaveReason, PovertyStatus, Sex } from '../../src/modules/member/member.enums';
import { AS_OF, day, END_2023, END_2024, yearOf } from './dates';
import { ethnicMix, isSouthern, personName } from './people';
import { ClubPlan } from './plan';
import { Rng } from './rng';

/**
 * A club's members over its whole life: a founding cohort, then people joining and leaving, such that the
 * head count at the end of 2023 and of 2024 is exactly the plan's. The leavers of a period are drawn from
 * the members present at its start, so nobody leaves before joining.
 */
export interface MemberDraft {
  id: number;
  fullName: string;
  sex: Sex;
  birthYear: number;
  birthDate: number | null;
  ethnicity: string;
  poverty: PovertyStatus;
  povertyYear: number | null;
  disability: boolean;
  healthInsurance: boolean;
  joinedOn: number;
  /** Infinity while still a member. */
  leftOn: number;
  leaveReason: LeaveReason | null;
  boardRole: BoardRole | null;
  homeCareVolunteer: boolean;
  livelihoodMentor: boolean;
}

/** Head count on any day, from the sorted join and leave days. */
export class HeadCount {
  private readonly joins: number[];
  private readonly leaves: number[];

  constructor(members: readonly MemberDraft[]) {
    this.joins = members.map((m) => m.joinedOn).sort((a, b) => a - b);
    this.leaves = members.filter((m) => m.leftOn !== Infinity).map((m) => m.leftOn).sort((a, b) => a - b);
  }

  /** Members on day d: joined on or before d and not left on or before d. */
  at(d: number): number {
    return upperBound(this.joins, d) - upperBound(this.leaves, d);
  }
}

function upperBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Checkpoint {
  day: number;
  count: number;
}

/** Who the members are in this club: shares of women, older people and poor households vary by club. */
interface ClubProfile {
  womenShare: number;
  olderShare: number;
  povertyFactor: number;
  leaveRate: number;
}

export function generateMembers(rng: Rng, plan: ClubPlan): MemberDraft[] {
  const profile: ClubProfile = {
    womenShare: rng.range(0.58, 0.72),
    olderShare: rng.range(0.58, 0.72),
    povertyFactor: rng.range(0.6, 1.3) * (plan.ethnicity === 'Kinh' ? 1 : 1.3),
    leaveRate: rng.range(0.025, 0.05),
  };
  const lastDay = plan.dissolvedOn !== null ? plan.dissolvedOn - 1 : AS_OF;
  const checkpoints = headCountPath(rng, plan, lastDay);
  const members: MemberDraft[] = [];
  const newMember = (joinedOn: number) => {
    const m = drawPerson(rng, plan, profile, joinedOn);
    members.push(m);
    return m;
  };

  // The founding cohort, then one period per checkpoint: leavers from those present at its start, joiners spread over it.
  const first = checkpoints[0];
  const cohort = foundingCohort(rng, plan, first, lastDay);
  let present: MemberDraft[] = [];
  for (let i = 0; i < cohort; i++) present.push(newMember(plan.foundedOn));
  let from = plan.foundedOn;
  for (const cp of checkpoints) {
    if (cp.day <= from) continue;
    const s = present.length;
    const years = (cp.day - from) / 365;
    // Some leave even when the club grows, and some join even when it shrinks.
    const usual = rng.round(profile.leaveRate * years * (s + cp.count) / 2);
    const shrinking = s - cp.count + rng.round(0.02 * years * s);
    const leaving = Math.max(s - cp.count, Math.min(Math.max(usual, shrinking), s - 5));
    const joining = cp.count - s + leaving;
    rng.shuffle(present);
    const stay = present.slice(leaving);
    for (const m of present.slice(0, leaving)) {
      m.leftOn = rng.int(from + 1, cp.day);
      m.leaveReason = leaveReason(rng, yearOf(m.leftOn) - m.birthYear);
    }
    for (let k = 0; k < joining; k++) stay.push(newMember(rng.int(from + 1, cp.day)));
    present = stay;
    from = cp.day;
  }
  if (plan.dissolvedOn !== null) {
    for (const m of present) {
      m.leftOn = plan.dissolvedOn;
      m.leaveReason = LeaveReason.CLUB_DISSOLVED;
    }
  }
  members.sort((a, b) => a.joinedOn - b.joinedOn);
  assignRoles(rng, plan, members, present);
  return members;
}

/** The exact counts the plan fixes (end of 2023, end of 2024), then a free count for the club's last day. */
function headCountPath(rng: Rng, plan: ClubPlan, lastDay: number): Checkpoint[] {
  const path: Checkpoint[] = [];
  if (plan.members2023 !== null) path.push({ day: END_2023, count: plan.members2023 });
  if (plan.members2024 !== null) path.push({ day: END_2024, count: plan.members2024 });
  const previous = path.at(-1);
  if (previous && lastDay <= previous.day) return path;
  let count: number;
  if (plan.dissolvedOn !== null && plan.dissolvedOn <= END_2023) {
    count = rng.int(20, 45); // a club that is about to fold
  } else if (previous && plan.foundedOn < day(2024, 1, 1)) {
    count = Math.max(20, Math.round(previous.count * rng.range(0.94, 1.06)));
  } else if (previous) {
    count = Math.max(previous.count, rng.int(50, 70)); // a 2024 club still filling up
  } else {
    const years = (lastDay - plan.foundedOn) / 365;
    count = years >= 1 ? rng.int(45, 70) : rng.int(25, 55);
  }
  path.push({ day: lastDay, count });
  return path;
}

/** Most members join at the founding meeting; the rest trickle in over the first period. */
function foundingCohort(rng: Rng, plan: ClubPlan, first: Checkpoint, lastDay: number): number {
  const years = (first.day - plan.foundedOn) / 365;
  if (first.day === plan.foundedOn) return first.count;
  if (first.day === lastDay && plan.members2023 === null && plan.members2024 === null) {
    return Math.max(20, Math.min(first.count, Math.round(first.count * (years < 1 ? rng.range(0.85, 1) : rng.range(0.6, 0.9)))));
  }
  if (years < 0.25) return Math.max(1, first.count - rng.int(0, Math.min(3, first.count - 1)));
  return Math.max(15, Math.round(first.count * rng.range(0.75, 1)));
}

function leaveReason(rng: Rng, age: number): LeaveReason {
  const u = rng.float();
  if (age >= 70) return u < 0.45 ? LeaveReason.DECEASED : u < 0.7 ? LeaveReason.HEALTH : u < 0.8 ? LeaveReason.MOVED_AWAY : LeaveReason.PERSONAL;
  if (age >= 60) return u < 0.2 ? LeaveReason.DECEASED : u < 0.45 ? LeaveReason.HEALTH : u < 0.65 ? LeaveReason.MOVED_AWAY : LeaveReason.PERSONAL;
  return u < 0.03 ? LeaveReason.DECEASED : u < 0.1 ? LeaveReason.HEALTH : u < 0.55 ? LeaveReason.MOVED_AWAY : u < 0.97 ? LeaveReason.PERSONAL : LeaveReason.OTHER;
}

/** One person: age is set against the end of 2023 (60+ or younger), and nobody joins before the age of 20. */
function drawPerson(rng: Rng, plan: ClubPlan, profile: ClubProfile, joinedOn: number): MemberDraft {
  const sex = rng.chance(profile.womenShare) ? Sex.FEMALE : Sex.MALE;
  const joinYear = yearOf(joinedOn);
  let age2023: number;
  if (rng.chance(profile.olderShare)) {
    const u = rng.float();
    age2023 = u < 0.45 ? rng.int(60, 69) : u < 0.82 ? rng.int(70, 79) : rng.int(80, 92);
  } else {
    const youngest = Math.max(25, 20 + 2023 - joinYear);
    age2023 = 59 - Math.floor((60 - youngest) * rng.float() ** 1.5);
  }
  const birthYear = 2023 - age2023;
  const knowsDate = rng.chance(age2023 >= 75 ? 0.35 : age2023 >= 60 ? 0.55 : 0.8);
  const ethnicity = rng.chance(0.8) ? plan.ethnicity : rng.weighted(ethnicMix(plan.provinceCode));
  const older = age2023 >= 60;
  const u = rng.float();
  const poorShare = 0.15 * profile.povertyFactor * (older ? 1.1 : 0.85);
  const poverty = u < poorShare ? PovertyStatus.POOR : u < poorShare + 0.15 * profile.povertyFactor ? PovertyStatus.NEAR_POOR : PovertyStatus.NOT_POOR;
  const classified = poverty !== PovertyStatus.NOT_POOR;
  return {
    id: 0,
    fullName: personName(rng, sex, ethnicity, isSouthern(plan.provinceCode)),
    sex,
    birthYear,
    birthDate: knowsDate ? rng.int(day(birthYear, 1, 1), day(birthYear, 12, 31)) : null,
    ethnicity,
    poverty,
    povertyYear: classified ? Math.min(2025, Math.max(2012, joinYear - rng.int(0, 1))) : null,
    disability: rng.chance(older ? 0.06 : 0.035),
    healthInsurance: rng.chance(classified ? 0.98 : older ? 0.9 : 0.85),
    joinedOn,
    leftOn: Infinity,
    leaveReason: null,
    boardRole: null,
    homeCareVolunteer: false,
    livelihoodMentor: false,
  };
}

const BOARD_OF_5 = [BoardRole.CHAIR, BoardRole.VICE_CHAIR, BoardRole.TREASURER, BoardRole.SECRETARY, BoardRole.BOARD_MEMBER];
const BOARD_OF_7 = [...BOARD_OF_5.slice(0, 2), BoardRole.VICE_CHAIR, ...BOARD_OF_5.slice(2), BoardRole.BOARD_MEMBER];

/**
 * The board (5, sometimes 7) is elected among those who stay to the end, founders first, an older member in
 * the chair; at least 5 home-care volunteers; a few livelihood mentors.
 */
function assignRoles(rng: Rng, plan: ClubPlan, all: MemberDraft[], stayers: MemberDraft[]): void {
  const candidates = rng.shuffle(stayers.slice()).sort((a, b) => Number(a.joinedOn !== plan.foundedOn) - Number(b.joinedOn !== plan.foundedOn));
  const roles = rng.chance(0.15) ? BOARD_OF_7 : BOARD_OF_5;
  const board = candidates.slice(0, roles.length);
  if (board.length === 0) return;
  const chairIndex = Math.max(0, board.findIndex((m) => m.birthYear <= 1968));
  [board[0], board[chairIndex]] = [board[chairIndex], board[0]];
  board.forEach((m, i) => (m.boardRole = roles[i]));

  const volunteers = Math.max(5, Math.round(stayers.length * rng.range(0.1, 0.2)));
  for (const m of rng.sample(stayers, volunteers)) m.homeCareVolunteer = true;
  for (const m of all) if (rng.chance(0.04)) m.livelihoodMentor = true;
  if (!all.some((m) => m.livelihoodMentor)) rng.pick(stayers).livelihoodMentor = true;
}
