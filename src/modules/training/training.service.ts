import type { HubContext } from '../../context';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { Club } from '../club/club.entity';
import { clubUnits } from '../club/club.service';
import { Member } from '../member/member.entity';
import { Checks } from '../shared/checks';
import { unitKeys } from '../shared/club-place';
import { ownerOf } from '../shared/record-owner';
import { decodeId, found, insert, runWrite } from '../shared/write';
import { lockedInputs } from '../shared/write-check';
import { PeriodLockedError } from '../reporting/period-lock';
import { Trainee, TrainingCourse } from './training.entity';
import { AddTraineesInput, CreateTrainingCourseInput } from './training.write-inputs';

export const MAX_TRAINEES_PER_CALL = 500;

/** The units a course belongs to: its organiser and the units above; a national course, the nation. */
function courseUnits(ctx: HubContext, course: TrainingCourse): string[] {
  return course.organiserUnit ? unitKeys(ctx.units, [course.organiserUnit.id]) : ['POST_2025:VN', 'PRE_2025:VN'];
}

export function createTrainingCourse(ctx: HubContext, input: CreateTrainingCourseInput): Promise<TrainingCourse> {
  return runWrite(ctx, 'createTrainingCourse', async ({ em, audit }) => {
    const checks = new Checks();
    const title = checks.text('title', input.title, { max: 300, required: true });
    const topics = [...new Set(input.topics.map((t, i) => checks.text(`topics.${i}`, t, { max: 200 })).filter((t): t is string => !!t))];
    if (topics.length > 20) checks.add('topics', 'A course lists at most 20 topics');
    checks.pastDate('startsOn', input.startsOn);
    checks.notBefore('endsOn', input.endsOn, input.startsOn, 'the first day');
    const organiser = input.organiser ? ctx.units.find(input.organiser.structure, input.organiser.code.trim()) : ctx.units.nation(AdminStructure.POST_2025);
    if (input.organiser && !organiser) checks.add('organiser', `No ${input.organiser.structure} unit has the code "${input.organiser.code}"`);
    checks.throwIfAny();
    ctx.access.requireWriteUnit(organiser!);
    const national = organiser!.level === UnitLevel.NATION;
    const course = insert(em, TrainingCourse, {
      title: title!,
      topics,
      organiserLevel: organiser!.level,
      organiserUnit: national ? undefined : em.getReference(AdminUnit, organiser!.dbId),
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    });
    audit.track(course, () => courseUnits(ctx, course));
    return course;
  });
}

/** Adds the members who attended; each must be a member during the course, in the caller's area. */
export function addTrainees(ctx: HubContext, input: AddTraineesInput): Promise<{ course: TrainingCourse; added: number }> {
  return runWrite(ctx, 'addTrainees', async ({ em, audit }) => {
    const checks = new Checks();
    const courseId = decodeId(checks, 'courseId', input.courseId, 'TrainingCourse');
    if (input.memberIds.length === 0 || input.memberIds.length > MAX_TRAINEES_PER_CALL) checks.add('memberIds', `Give 1 to ${MAX_TRAINEES_PER_CALL} members`);
    const memberIds = input.memberIds.map((id, i) => decodeId(checks, `memberIds.${i}`, id, 'Member'));
    checks.throwIfAny();
    const course = found(await em.findOne(TrainingCourse, courseId!), 'courseId', `No training course has the id "${input.courseId}"`);
    const members = new Map((await em.find(Member, { id: { $in: memberIds as number[] } }, { populate: ['club'] })).map((m) => [m.id, m]));
    const already = new Set((await em.find(Trainee, { course, member: { $in: memberIds as number[] } })).map((t) => t.member.id));
    const toAdd: Array<{ member: Member; club: Club }> = [];
    memberIds.forEach((id, i) => {
      const member = members.get(id!);
      // One outside the caller's area is not found: a key learns nothing of members beyond its scope.
      if (!member || !ctx.access.mayWrite(member.club.place)) return checks.add(`memberIds.${i}`, `No member has the id "${input.memberIds[i]}"`);
      if (member.joinedOn > course.endsOn || (member.leftOn && member.leftOn < course.startsOn)) {
        return checks.add(`memberIds.${i}`, `${member.fullName} was not a member during the course (${course.startsOn} – ${course.endsOn})`);
      }
      if (!already.has(member.id) && !toAdd.some((t) => t.member === member)) toAdd.push({ member, club: member.club });
    });
    checks.throwIfAny();
    // A trainee counts in its club's figures from the course on: one lock check for all of them.
    const locked = await lockedInputs(em, toAdd.map(({ club }) => ({ claims: [{ clubId: ownerOf(club).clubId, from: course.startsOn }] })));
    if (locked.size) throw new PeriodLockedError([...locked.values()], 'input.memberIds');
    for (const { member, club } of toAdd) {
      const trainee = insert(em, Trainee, { course, member });
      audit.track(trainee, () => clubUnits(ctx.units, club));
    }
    return { course, added: toAdd.length };
  });
}
