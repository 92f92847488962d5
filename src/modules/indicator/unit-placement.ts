import { EntityManager } from '@mikro-orm/postgresql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';

/**
 * Where a unit of one structure falls in the other, through the official commune crosswalk: the deepest unit
 * of the target structure that contains every commune its communes went into (or came from). A new commune
 * made of old communes from two districts falls in their province; one that spans provinces falls in the
 * nation only. So a figure is never attributed to a unit that might not contain it.
 *
 * The crosswalk is reference data that changes only by migration, like the units: it is read once per
 * directory and held in memory.
 */
export class UnitPlacement {
  private readonly memo = new Map<AdministrativeUnit, AdministrativeUnit>();

  private constructor(
    private readonly units: UnitDirectory,
    /** Commune id → the ids of its crosswalk partners in the other structure. */
    private readonly partners: Map<number, number[]>,
  ) {}

  private static readonly loaded = new WeakMap<UnitDirectory, Promise<UnitPlacement>>();

  static for(em: EntityManager, units: UnitDirectory): Promise<UnitPlacement> {
    let placement = UnitPlacement.loaded.get(units);
    if (!placement) {
      placement = UnitPlacement.load(em, units);
      placement.catch(() => UnitPlacement.loaded.delete(units));
      UnitPlacement.loaded.set(units, placement);
    }
    return placement;
  }

  private static async load(em: EntityManager, units: UnitDirectory): Promise<UnitPlacement> {
    const rows = await em
      .getConnection()
      .execute<Array<{ old_id: number; new_id: number }>>(
        `select old_unit_id as old_id, new_unit_id as new_id from admin_unit_crosswalk where level = 'COMMUNE' order by 1, 2`,
      );
    const partners = new Map<number, number[]>();
    const link = (from: number, to: number) => {
      const list = partners.get(from);
      if (list) list.push(to);
      else partners.set(from, [to]);
    };
    for (const { old_id, new_id } of rows) {
      link(old_id, new_id);
      link(new_id, old_id);
    }
    return new UnitPlacement(units, partners);
  }

  /** The unit of `structure` a record attached to `unit` counts in; no unit: the nation. */
  place(structure: AdminStructure, unit: AdministrativeUnit | undefined): AdministrativeUnit {
    if (!unit || unit.level === UnitLevel.NATION) return this.units.nation(structure);
    if (unit.structure === structure) return unit;
    let placed = this.memo.get(unit);
    if (!placed) {
      placed = this.deepestContaining(structure, unit);
      this.memo.set(unit, placed);
    }
    return placed;
  }

  private deepestContaining(structure: AdminStructure, unit: AdministrativeUnit): AdministrativeUnit {
    let common: AdministrativeUnit[] | null = null;
    for (const commune of this.units.communesUnder(unit)) {
      for (const id of this.partners.get(commune.dbId) ?? []) {
        const partner = this.units.byDbId(id);
        if (!partner || partner.structure !== structure) continue;
        const chain = this.units.ancestorsOf(partner).reverse();
        if (!common) common = chain;
        else {
          let depth = 0;
          while (depth < common.length && depth < chain.length && common[depth] === chain[depth]) depth++;
          common = common.slice(0, depth);
        }
        if (common.length === 0) return this.units.nation(structure);
      }
    }
    return common && common.length > 0 ? common[common.length - 1] : this.units.nation(structure);
  }
}
