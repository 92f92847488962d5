import { EntityManager } from '@mikro-orm/postgresql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit, Commune } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { Checks } from './checks';

/** The first day of the POST_2025 structure. */
export const REFORM_DAY = '2025-07-01';

interface Link {
  id: number;
  partial: boolean;
}

/**
 * The official 2025 commune crosswalk (old → new, `partial` where an old commune was split). Reference data
 * that changes only by migration, so it is read once per unit directory.
 */
export class Crosswalk {
  private static readonly loaded = new WeakMap<UnitDirectory, Promise<Crosswalk>>();

  private constructor(
    private readonly forward: Map<number, Link[]>,
    private readonly backward: Map<number, Link[]>,
  ) {}

  static of(em: EntityManager, units: UnitDirectory): Promise<Crosswalk> {
    let crosswalk = Crosswalk.loaded.get(units);
    if (!crosswalk) {
      crosswalk = Crosswalk.read(em);
      Crosswalk.loaded.set(units, crosswalk);
      crosswalk.catch(() => Crosswalk.loaded.delete(units));
    }
    return crosswalk;
  }

  private static async read(em: EntityManager): Promise<Crosswalk> {
    const rows = await em
      .getConnection()
      .execute<Array<{ old_id: number; new_id: number; partial: boolean }>>(
        `select old_unit_id as old_id, new_unit_id as new_id, partial from admin_unit_crosswalk where level = 'COMMUNE' order by 1, 2`,
      );
    const forward = new Map<number, Link[]>();
    const backward = new Map<number, Link[]>();
    for (const r of rows) {
      forward.set(r.old_id, [...(forward.get(r.old_id) ?? []), { id: r.new_id, partial: r.partial }]);
      backward.set(r.new_id, [...(backward.get(r.new_id) ?? []), { id: r.old_id, partial: r.partial }]);
    }
    return new Crosswalk(forward, backward);
  }

  successors(oldCommuneId: number): Link[] {
    return this.forward.get(oldCommuneId) ?? [];
  }

  predecessors(newCommuneId: number): Link[] {
    return this.backward.get(newCommuneId) ?? [];
  }
}

/** A club's communes in both structures (a club founded after the reform has no PRE_2025 commune). */
export interface ClubCommunes {
  pre: Commune | null;
  post: Commune | null;
}

const describe = (unit: AdministrativeUnit) => `${unit.fullName} (${unit.code})`;

function commune(checks: Checks, units: UnitDirectory, structure: AdminStructure, code: string | null | undefined, field: string): Commune | null | undefined {
  const trimmed = code?.trim();
  if (!trimmed) return null;
  const unit = units.find(structure, trimmed);
  if (unit?.level !== UnitLevel.COMMUNE) {
    checks.add(field, `No ${structure} commune has the code "${trimmed}"`);
    return undefined;
  }
  return unit as Commune;
}

/**
 * Where a club belongs, kept consistent across the 2025 reform:
 * - a PRE_2025 commune implies its POST_2025 commune when the crosswalk gives exactly one, whole successor;
 *   otherwise (split or several) the POST_2025 commune must be given too, and must be one of its successors;
 * - a POST_2025 commune alone is enough for a club founded from 1 July 2025; an older club also needs its
 *   PRE_2025 commune, implied only when the new commune came from exactly one old one;
 * - a club founded from 1 July 2025 has no PRE_2025 commune.
 * Returns undefined when a problem was recorded.
 */
export function placeClub(
  checks: Checks,
  units: UnitDirectory,
  crosswalk: Crosswalk,
  given: { pre?: string | null; post?: string | null },
  foundedOn: string | null | undefined,
  fields = { pre: 'communePre2025', post: 'communePost2025' },
): ClubCommunes | undefined {
  const pre = commune(checks, units, AdminStructure.PRE_2025, given.pre, fields.pre);
  const post = commune(checks, units, AdminStructure.POST_2025, given.post, fields.post);
  if (pre === undefined || post === undefined) return undefined;
  if (!pre && !post) {
    checks.add(fields.post, 'Give the club\'s commune: its POST_2025 commune code (and its PRE_2025 one for a club founded before 1 July 2025)');
    return undefined;
  }
  const founded = foundedOn ?? null;
  if (pre && founded && founded >= REFORM_DAY) {
    checks.add(fields.pre, `A club founded on or after 1 July 2025 has no PRE_2025 commune (those units ended on 30 June 2025)`);
    return undefined;
  }
  if (pre) {
    const successors = crosswalk.successors(pre.dbId);
    const names = successors.map((s) => describe(units.byDbId(s.id)!)).join(', ') || 'none';
    if (post) {
      if (!successors.some((s) => s.id === post.dbId)) {
        checks.add(fields.post, `${describe(post)} is not where ${describe(pre)} went in 2025; it went into: ${names}`);
        return undefined;
      }
      return { pre, post };
    }
    if (successors.length === 1 && !successors[0].partial) return { pre, post: units.byDbId(successors[0].id) as Commune };
    checks.add(fields.post, `${describe(pre)} was split or merged into several communes in 2025 (${names}): give the POST_2025 commune too`);
    return undefined;
  }
  if (founded && founded >= REFORM_DAY) return { pre: null, post };
  const predecessors = crosswalk.predecessors(post!.dbId);
  if (predecessors.length === 1) return { pre: units.byDbId(predecessors[0].id) as Commune, post };
  const names = predecessors.map((p) => describe(units.byDbId(p.id)!)).join(', ');
  checks.add(fields.pre, `A club founded before 1 July 2025 needs its PRE_2025 commune: ${describe(post!)} was formed from ${names}`);
  return undefined;
}

/**
 * The units a club's record belongs to, as `STRUCTURE:CODE` keys (its communes, every unit above them, and
 * each structure's nation as `STRUCTURE:VN`): the audit log finds "everything under a unit" by one key.
 */
export function unitKeys(units: UnitDirectory, unitIds: ReadonlyArray<number | null | undefined>): string[] {
  const keys = new Set<string>();
  for (const id of unitIds) {
    const unit = id ? units.byDbId(id) : undefined;
    if (!unit) continue;
    keys.add(`${unit.structure}:VN`);
    for (const u of units.ancestorsOf(unit)) keys.add(`${u.structure}:${u.code}`);
  }
  return [...keys].sort();
}

/** The key of one unit (the nation is `STRUCTURE:VN`). */
export function unitKey(unit: AdministrativeUnit): string {
  return `${unit.structure}:${unit.level === UnitLevel.NATION ? 'VN' : unit.code}`;
}
