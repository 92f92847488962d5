import type { HubContext } from '../../context';
import { Checks } from '../shared/checks';
import { ownerOf } from '../shared/record-owner';
import { insert, runWrite } from '../shared/write';
import { changedFrom, requireUnlockedWrite } from '../shared/write-check';
import { Meeting } from './club.entity';
import { clubUnits, lockClub } from './club.service';
import { RecordMeetingInput } from './meeting.write-inputs';

/** Records one meeting of a club: held on a day the club existed, at most one a day. */
export function recordMeeting(ctx: HubContext, input: RecordMeetingInput): Promise<Meeting> {
  return runWrite(ctx, 'recordMeeting', async ({ em, audit }) => {
    const checks = new Checks();
    const heldOn = checks.pastDate('heldOn', input.heldOn)!;
    checks.integer('attendance', input.attendance, 0, 1000);
    const club = await lockClub(em, input.clubCode, 'clubCode');
    ctx.access.requireWrite(club.place);
    checks.notBefore('heldOn', heldOn, club.foundedOn, 'the founding of the club');
    if (club.dissolvedOn && heldOn > club.dissolvedOn) checks.add('heldOn', `The club was dissolved on ${club.dissolvedOn}, before this meeting`);
    if (!checks.failed('heldOn') && (await em.count(Meeting, { club, heldOn }))) checks.add('heldOn', `A meeting of this club on ${heldOn} is already recorded`);
    checks.throwIfAny();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), heldOn)], 'heldOn');
    const meeting = insert(em, Meeting, { club, heldOn, attendance: input.attendance, activityAreas: [...new Set(input.activityAreas)] });
    audit.track(meeting, () => clubUnits(ctx.units, club));
    return meeting;
  });
}
