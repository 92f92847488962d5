import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { Club } from '../club/club.entity';
import { clubUnits } from '../club/club.service';
import { Checks } from '../shared/checks';
import { REFORM_DAY } from '../shared/club-place';
import { foundInArea, insert, WriteTx } from '../shared/write';
import { requireUnlockedWrite } from '../shared/write-check';
import { SupervisionVisit } from './supervision-visit.entity';
import { RecordSupervisionVisitInput } from './supervision.write-inputs';

/** A visit checked and ready to insert. */
export interface VisitPlan {
  club: Club;
  fields: Pick<SupervisionVisit, 'visitedOn' | 'visitingLevel' | 'scores' | 'rating'> & { notes?: string };
}

const MAX_SCORE = 5;
const VISITING_LEVELS = [UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE, UnitLevel.NATION];

/**
 * The one check of a supervision visit: the club in the caller's area (outside it answers as not found), every
 * problem of the input at once, then the lock of the visit's month (a visit changes that month's quality
 * figures only: ratings are read "latest on or before the end of P", so the claim covers the visit's month).
 */
export async function checkVisit(tx: WriteTx, input: RecordSupervisionVisitInput): Promise<VisitPlan> {
  const { em, ctx } = tx;
  const checks = new Checks();
  const code = input.clubCode.trim();
  const club = foundInArea(ctx, await em.findOne(Club, { code }), (c) => c.place, 'clubCode', `No club has the code "${code}"`);
  checks.pastDate('visitedOn', input.visitedOn);
  checks.notBefore('visitedOn', input.visitedOn, club.foundedOn, 'the founding of the club');
  if (club.dissolvedOn && input.visitedOn > club.dissolvedOn) checks.add('visitedOn', `The visited on (${input.visitedOn}) is after the club was dissolved (${club.dissolvedOn})`);
  if (!VISITING_LEVELS.includes(input.visitingLevel)) checks.add('visitingLevel', 'The visiting level must be COMMUNE, DISTRICT, PROVINCE or NATION');
  else if (input.visitingLevel === UnitLevel.DISTRICT && input.visitedOn >= REFORM_DAY) {
    checks.add('visitingLevel', `Districts were abolished on ${REFORM_DAY}: a visit on ${input.visitedOn} is by a commune, province or the nation`);
  }
  const scores: Record<string, number> = {};
  (input.scores ?? []).forEach((s, i) => {
    if (s.area in scores) checks.add(`scores.${i}.area`, `The area ${s.area} is scored twice`);
    checks.integer(`scores.${i}.score`, s.score, 0, MAX_SCORE);
    scores[s.area] = s.score;
  });
  const notes = checks.text('notes', input.notes, { max: 4000, multiline: true });
  checks.throwIfAny();
  await requireUnlockedWrite(em, [{ clubId: club.id, from: input.visitedOn, to: input.visitedOn }], 'visitedOn');
  return { club, fields: { visitedOn: input.visitedOn, visitingLevel: input.visitingLevel, scores, rating: input.rating, notes: notes ?? undefined } };
}

/** Inserts a checked visit, audited under the club's units. */
export function applyVisit(tx: WriteTx, plan: VisitPlan): SupervisionVisit {
  const visit = insert(tx.em, SupervisionVisit, { club: plan.club, ...plan.fields });
  tx.audit.track(visit, () => clubUnits(tx.ctx.units, plan.club));
  return visit;
}
