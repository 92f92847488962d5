import { UnitLevel } from '../../src/modules/admin-unit/admin-unit.enums';
import { AS_OF, day, REFORM } from './dates';
import { Unit } from './reference';
import { Rng } from './rng';
import { COURSE_TITLES, COURSE_TITLES_1648, COURSE_TOPICS } from './vocab';

/**
 * Training courses for club boards, organised by provinces and districts (before the 2025 reform) and by
 * the new provinces (after it). Trainees are board members of clubs in the organising unit who were in
 * office when the course ran.
 */
export interface BoardMember {
  memberId: number;
  joinedOn: number;
  /** The day they left (dissolution included), Infinity when still a member. */
  leftOn: number;
  province: Unit | null;
  district: Unit | null;
  postProvince: Unit;
}

export interface CourseDraft {
  title: string;
  topics: string[];
  level: UnitLevel;
  unit: Unit;
  startsOn: number;
  endsOn: number;
  trainees: number[];
}

/** A province runs a course a year for about every 35 clubs (some 200 board members). */
const BOARD_MEMBERS_PER_PROVINCE_COURSE = 200;

export function generateCourses(rng: Rng, board: BoardMember[]): CourseDraft[] {
  const courses: CourseDraft[] = [];
  const byProvince = group(board, (b) => b.province);
  const byDistrict = group(board, (b) => b.district);
  const byPostProvince = group(board, (b) => b.postProvince);

  const organise = (level: UnitLevel, unit: Unit, pool: BoardMember[], from: number, to: number, titles: string[]) => {
    const startsOn = rng.int(from, to - 2);
    const endsOn = startsOn + rng.int(0, 2);
    const eligible = pool.filter((b) => b.joinedOn <= startsOn && b.leftOn > endsOn);
    if (eligible.length < 8) return;
    courses.push({
      title: rng.pick(titles),
      topics: rng.sample(COURSE_TOPICS, rng.int(2, 4)),
      level,
      unit,
      startsOn,
      endsOn,
      trainees: rng.sample(eligible, rng.int(15, 40)).map((b) => b.memberId),
    });
  };
  const activeAt = (pool: BoardMember[], d: number) => pool.reduce((n, b) => (b.joinedOn <= d && b.leftOn > d ? n + 1 : n), 0);

  for (let year = 2016; year <= 2025; year++) {
    const from = day(year, 1, 1);
    const to = Math.min(day(year, 12, 31), REFORM - 1);
    for (const [province, pool] of byProvince) {
      const courses = rng.round(activeAt(pool, day(year, 6, 30)) / BOARD_MEMBERS_PER_PROVINCE_COURSE);
      for (let k = 0; k < courses; k++) organise(UnitLevel.PROVINCE, province, pool, from, to, COURSE_TITLES);
    }
    for (const [district, pool] of byDistrict) {
      if (rng.chance(0.35)) organise(UnitLevel.DISTRICT, district, pool, from, to, COURSE_TITLES);
    }
  }
  const from = day(2025, 8, 1);
  for (const [province, pool] of byPostProvince) {
    const courses = rng.round((1.25 * activeAt(pool, AS_OF)) / BOARD_MEMBERS_PER_PROVINCE_COURSE);
    for (let k = 0; k < courses; k++) organise(UnitLevel.PROVINCE, province, pool, from, AS_OF, COURSE_TITLES_1648);
  }
  return courses;
}

/** Groups by unit, in order of first appearance (deterministic). */
function group(board: BoardMember[], key: (b: BoardMember) => Unit | null): Map<Unit, BoardMember[]> {
  const groups = new Map<Unit, BoardMember[]>();
  for (const b of board) {
    const unit = key(b);
    if (!unit) continue;
    const list = groups.get(unit);
    if (list) list.push(b);
    else groups.set(unit, [b]);
  }
  return groups;
}
