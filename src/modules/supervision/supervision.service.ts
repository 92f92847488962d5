import type { HubContext } from '../../context';
import { BadUserInputError } from '../../errors';
import { MAX_PAGE_SIZE } from '../../graphql/pagination';
import { todayInVietnam } from '../../time';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { parsePeriod } from '../indicator/period';
import { qualityCountsByUnit } from './supervision.repository';
import { ClubQualityRank, ClubQualityRanking } from './supervision.types';

export interface RankingArgs {
  structure: AdminStructure;
  period: string;
  within?: { structure: AdminStructure; code: string };
  level?: UnitLevel;
  first: number;
  offset: number;
}

/**
 * Ranks provinces (or the communes of a province; the districts of a PRE_2025 province) by the share of their
 * active clubs that are weak or unreported in a period, worst first. Counts only: the viewer needs the right to
 * counts of each unit ranked (anyone for provinces, see Access.requireCounts).
 */
export async function rankClubQuality(ctx: HubContext, args: RankingArgs): Promise<ClubQualityRanking> {
  const periods = parsePeriod(args.period);
  if (periods.length !== 1) throw new BadUserInputError(`"${args.period}" names ${periods.length} periods: give one`, 'period');
  const [period] = periods;
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) throw new BadUserInputError(`first must be from 1 to ${MAX_PAGE_SIZE}`, 'first');
  if (!Number.isInteger(args.offset) || args.offset < 0) throw new BadUserInputError('offset must be 0 or more', 'offset');

  let parent: AdministrativeUnit = ctx.units.nation(args.structure);
  if (args.within) {
    const named = ctx.units.find(args.within.structure, args.within.code.trim());
    if (!named || named.structure !== args.structure || named.level !== UnitLevel.PROVINCE) {
      throw new BadUserInputError(`"within" must be a ${args.structure} province (got ${args.within.structure}:${args.within.code})`, 'within');
    }
    parent = named;
  }
  const level = args.level ?? (args.within ? UnitLevel.COMMUNE : UnitLevel.PROVINCE);
  const allowed = args.within ? (args.structure === AdminStructure.PRE_2025 ? [UnitLevel.COMMUNE, UnitLevel.DISTRICT] : [UnitLevel.COMMUNE]) : [UnitLevel.PROVINCE];
  if (!allowed.includes(level)) throw new BadUserInputError(`Within ${args.within ? 'a province' : 'the nation'} the ranking is of ${allowed.join(' or ')} units`, 'level');

  const candidates = ctx.units.unitsUnder(parent).filter((u) => u.level === level);
  for (const unit of candidates) ctx.access.requireCounts(unit);
  const counts = new Map((await qualityCountsByUnit(ctx.em, args.structure, level, period, todayInVietnam())).map((c) => [c.unitId, c]));
  const ranked = candidates.map((unit) => {
    const c = counts.get(unit.dbId);
    const active = c?.active ?? 0;
    const either = c?.weakOrUnreported ?? 0;
    return {
      unit,
      activeClubs: active,
      weakClubs: c?.weak ?? 0,
      unreportedClubs: c?.unreported ?? 0,
      weakOrUnreportedClubs: either,
      share: active ? either / active : null,
    };
  });
  // Worst share first; then more clubs concerned; units without clubs last; code order breaks ties.
  ranked.sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || b.weakOrUnreportedClubs - a.weakOrUnreportedClubs || a.unit.code.localeCompare(b.unit.code));
  const rows: ClubQualityRank[] = ranked.slice(args.offset, args.offset + args.first).map(({ share, ...row }, i) => ({
    ...row,
    rank: args.offset + i + 1,
    weakOrUnreportedPercent: share === null ? null : Math.round(share * 1000) / 10,
  }));
  return { structure: args.structure, period: period.key, totalCount: ranked.length, rows };
}
