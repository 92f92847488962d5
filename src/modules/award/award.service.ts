import type { HubContext } from '../../context';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { Club } from '../club/club.entity';
import { clubUnits } from '../club/club.service';
import { Member } from '../member/member.entity';
import { Checks } from '../shared/checks';
import { unitKeys } from '../shared/club-place';
import { decodeId, found, foundInArea, runWrite } from '../shared/write';
import { InvalidInputError } from '../shared/write-errors';
import { ownerOf } from '../shared/record-owner';
import { changedFrom, requireUnlockedWrite } from '../shared/write-check';
import type { MonthClaim } from '../reporting/period-lock';
import { Award } from './award.entity';
import { AwardRecipientKind } from './award.enums';
import { GrantAwardInput } from './award.write-inputs';

/** Grants an award to one recipient, in the caller's area. */
export function grantAward(ctx: HubContext, input: GrantAwardInput): Promise<Award> {
  return runWrite(ctx, 'grantAward', async ({ em, audit }) => {
    const checks = new Checks();
    const issuer = checks.text('issuer', input.issuer, { max: 300, required: true });
    const decisionNumber = checks.text('decisionNumber', input.decisionNumber, { max: 100 });
    const reason = checks.text('reason', input.reason, { max: 1000, multiline: true });
    checks.pastDate('grantedOn', input.grantedOn);
    const given = [input.clubCode, input.memberId, input.association].filter((r) => r !== null && r !== undefined);
    if (given.length !== 1) checks.add('clubCode', 'Name exactly one recipient: clubCode, memberId or association');
    const memberId = decodeId(checks, 'memberId', input.memberId, 'Member');
    checks.throwIfAny();

    const award = new Award();
    let units: () => string[];
    // An award to a club or member counts in its club's figures from grantedOn; one to an association, in none.
    let claim: MonthClaim | null = null;
    if (input.clubCode) {
      const club = found(await em.findOne(Club, { code: input.clubCode.trim() }), 'clubCode', `No club has the code "${input.clubCode.trim()}"`);
      ctx.access.requireWrite(club.place);
      checks.notBefore('grantedOn', input.grantedOn, club.foundedOn, 'the founding of the club');
      Object.assign(award, { recipientKind: AwardRecipientKind.CLUB, club });
      units = () => clubUnits(ctx.units, club);
      claim = changedFrom(ownerOf(club), input.grantedOn);
    } else if (memberId) {
      const member = foundInArea(ctx, await em.findOne(Member, memberId, { populate: ['club'] }), (m) => m.club.place, 'memberId', `No member has the id "${input.memberId}"`);
      Object.assign(award, { recipientKind: AwardRecipientKind.MEMBER, member });
      units = () => clubUnits(ctx.units, member.club);
      claim = changedFrom(ownerOf(member.club), input.grantedOn);
    } else {
      const ref = input.association!;
      const unit = ctx.units.find(ref.structure, ref.code.trim());
      if (!unit || unit.level === UnitLevel.NATION) throw new InvalidInputError([{ field: 'input.association', message: `No ${ref.structure} unit has the code "${ref.code}"` }]);
      ctx.access.requireWriteUnit(unit);
      Object.assign(award, { recipientKind: AwardRecipientKind.ASSOCIATION, associationUnit: em.getReference(AdminUnit, unit.dbId) });
      units = () => unitKeys(ctx.units, [unit.dbId]);
    }
    checks.throwIfAny();
    await requireUnlockedWrite(em, [claim], 'grantedOn');
    Object.assign(award, { kind: input.kind, issuer, decisionNumber: decisionNumber ?? undefined, grantedOn: input.grantedOn, reason: reason ?? undefined });
    em.persist(award);
    audit.track(award, units);
    return award;
  });
}
