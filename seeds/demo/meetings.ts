import { ActivityArea } from '../../src/modules/club/club.enums';
import { AS_OF, day, daysInMonth, monthIndex } from './dates';
import { HeadCount } from './members';
import { ClubPlan } from './plan';
import { Rng } from './rng';

/**
 * One meeting a month on the club's usual day, from its founding to its end (dissolution, suspension or the
 * demo's last day). About one month in ten is missed: more around Tết (February) and in the COVID-19
 * lockdowns (April 2020, July–September 2021).
 */
export interface MeetingDraft {
  heldOn: number;
  attendance: number;
  areas: string;
}

const AREAS = Object.values(ActivityArea);
/** How often each area comes up at a meeting (same order as AREAS). */
const AREA_WEIGHT: Record<ActivityArea, number> = {
  LIVELIHOODS: 0.55,
  HEALTH_CARE: 0.8,
  HOME_CARE: 0.45,
  SELF_HELP: 0.6,
  RIGHTS_AND_ENTITLEMENTS: 0.25,
  LIFELONG_LEARNING: 0.3,
  CULTURE_AND_SPORT: 0.5,
  RESOURCE_MOBILISATION: 0.2,
};
/** Array literals by bit mask, in the enum's order. */
const AREA_LITERAL: string[] = Array.from({ length: 1 << AREAS.length }, (_, mask) =>
  `{${AREAS.filter((_, i) => mask & (1 << i)).join(',')}}`,
);

function missProbability(year: number, month: number): number {
  if (year === 2020 && month === 4) return 0.75;
  if (year === 2021 && month >= 7 && month <= 9) return 0.6;
  if (month === 2) return 0.3;
  return 0.07;
}

/** The club's last day of meeting: before dissolution or suspension, never after the demo's end. */
export function lastMeetingDay(plan: ClubPlan): number {
  let last = AS_OF;
  if (plan.dissolvedOn !== null) last = Math.min(last, plan.dissolvedOn - 1);
  if (plan.suspendedOn !== null) last = Math.min(last, plan.suspendedOn - 1);
  return last;
}

export function generateMeetings(rng: Rng, plan: ClubPlan, heads: HeadCount): MeetingDraft[] {
  const meetings: MeetingDraft[] = [];
  const last = lastMeetingDay(plan);
  const firstMonth = monthIndex(plan.foundedOn);
  for (let m = firstMonth; m <= monthIndex(last); m++) {
    const year = Math.floor(m / 12);
    const month = (m % 12) + 1;
    if (m !== firstMonth && rng.chance(missProbability(year, month))) continue;
    const shift = rng.chance(0.2) ? rng.int(-3, 3) : 0;
    let heldOn = day(year, month, Math.min(daysInMonth(year, month), Math.max(1, plan.meetingDay + shift)));
    if (heldOn < plan.foundedOn) heldOn = plan.foundedOn; // the founding meeting
    if (heldOn > last) continue;
    const present = heads.at(heldOn);
    if (present === 0) continue;
    meetings.push({ heldOn, attendance: Math.max(1, Math.round(present * rng.range(0.6, 0.95))), areas: drawAreas(rng) });
  }
  return meetings;
}

/** Two to four areas, the common ones more often. */
function drawAreas(rng: Rng): string {
  const wanted = rng.int(2, 4);
  let mask = 0;
  let chosen = 0;
  while (chosen < wanted) {
    const i = rng.int(0, AREAS.length - 1);
    if (mask & (1 << i) || !rng.chance(AREA_WEIGHT[AREAS[i]])) continue;
    mask |= 1 << i;
    chosen += 1;
  }
  return AREA_LITERAL[mask];
}
