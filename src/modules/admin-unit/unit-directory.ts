import { EntityManager } from '@mikro-orm/postgresql';
import { AdminStructure, OTHER_STRUCTURE, UnitLevel, UnitType } from './admin-unit.enums';
import { AdministrativeUnit, Commune, District, Nation, Province } from './admin-unit.types';
import { UnitSearch } from './unit-search';

interface UnitRow {
  id: number;
  structure: AdminStructure;
  code: string;
  name: string;
  type: UnitType;
  level: UnitLevel;
  parent_id: number | null;
  path: string;
  valid_from: string | null;
  valid_to: string | null;
}

interface PlacementRow {
  unit_id: number;
  placed_id: number | null;
}

const CLASS_BY_LEVEL = { PROVINCE: Province, DISTRICT: District, COMMUNE: Commune } as const;

/**
 * Both structures of administrative units (about 14,000 rows) held in memory. They change only by migration
 * or a legal act, so every lookup and every walk up or down the tree is a map read, not a query.
 */
export class UnitDirectory {
  private readonly byId = new Map<number, AdministrativeUnit>();
  private readonly byCode = new Map<string, AdministrativeUnit>();
  private readonly nations: Record<AdminStructure, Nation>;
  private readonly communesUnderCache = new Map<AdministrativeUnit, Commune[]>();
  /** Where each unit counts in the other structure (unit_placement); absent: the nation. */
  private readonly placedAcross = new Map<AdministrativeUnit, AdministrativeUnit>();
  /** The reverse: the other structure's units placed at each unit (the nations included). */
  private readonly placedAt = new Map<AdministrativeUnit, AdministrativeUnit[]>();
  private readonly unitsWithinCache = new Map<AdministrativeUnit, AdministrativeUnit[]>();
  private readonly communesWithinCache = new Map<AdministrativeUnit, Commune[]>();
  private searchIndex?: UnitSearch;

  private constructor(rows: UnitRow[], placements: PlacementRow[]) {
    this.nations = {
      PRE_2025: makeNation(AdminStructure.PRE_2025),
      POST_2025: makeNation(AdminStructure.POST_2025),
    };
    for (const row of rows) {
      const unit = new CLASS_BY_LEVEL[row.level as keyof typeof CLASS_BY_LEVEL]();
      Object.assign(unit, {
        dbId: row.id,
        structure: row.structure,
        code: row.code,
        name: row.name,
        type: row.type,
        level: row.level,
        path: row.path,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        parent: null,
        children: [],
      });
      this.byId.set(row.id, unit);
      this.byCode.set(key(row.structure, row.code), unit);
    }
    // Rows arrive in path order, so children are appended in code order.
    for (const row of rows) {
      const unit = this.byId.get(row.id)!;
      const parent = row.parent_id === null ? this.nations[row.structure] : this.byId.get(row.parent_id)!;
      unit.parent = parent;
      parent.children.push(unit);
    }
    for (const row of placements) {
      const unit = this.byId.get(row.unit_id)!;
      if (row.placed_id !== null) this.placedAcross.set(unit, this.byId.get(row.placed_id)!);
    }
    for (const unit of this.byId.values()) {
      const placed = this.placedIn(unit, OTHER_STRUCTURE[unit.structure]);
      const here = this.placedAt.get(placed);
      if (here) here.push(unit);
      else this.placedAt.set(placed, [unit]);
    }
  }

  static async load(em: EntityManager): Promise<UnitDirectory> {
    const rows = await em
      .getConnection()
      .execute<UnitRow[]>(
        'select id, structure, code, name, type, level, parent_id, path, valid_from::text, valid_to::text from admin_unit order by structure, path collate "C"',
      );
    const placements = await em
      .getConnection()
      .execute<PlacementRow[]>(
        'select p.unit_id, p.placed_id from unit_placement p join admin_unit u on u.id = p.unit_id where p.structure <> u.structure',
      );
    return new UnitDirectory(rows, placements);
  }

  nation(structure: AdminStructure): Nation {
    return this.nations[structure];
  }

  byDbId(id: number): AdministrativeUnit | undefined {
    return this.byId.get(id);
  }

  find(structure: AdminStructure, code: string): AdministrativeUnit | undefined {
    return this.byCode.get(key(structure, code));
  }

  findAt<T extends AdministrativeUnit>(structure: AdminStructure, level: UnitLevel, code: string): T | undefined {
    const unit = this.find(structure, code);
    return unit?.level === level ? (unit as T) : undefined;
  }

  /** Every commune at or below a unit, in code order (memoised: units never change while the hub runs). */
  communesUnder(unit: AdministrativeUnit): Commune[] {
    let communes = this.communesUnderCache.get(unit);
    if (!communes) {
      communes = unit.level === UnitLevel.COMMUNE ? [unit as Commune] : unit.children.flatMap((child) => this.communesUnder(child));
      this.communesUnderCache.set(unit, communes);
    }
    return communes;
  }

  /**
   * Where a unit counts in a structure (unit_placement): in its own, itself; in the other, the deepest unit that
   * holds every commune its communes came from or went into by the 2025 crosswalk — the nation when none does.
   */
  placedIn(unit: AdministrativeUnit, structure: AdminStructure): AdministrativeUnit {
    if (unit.structure === structure) return unit;
    if (unit.level === UnitLevel.NATION) return this.nations[structure];
    return this.placedAcross.get(unit) ?? this.nations[structure];
  }

  /**
   * The unit lies wholly inside the area (a unit of either structure): it is the area or below it once placed
   * in the area's structure. A unit of the other structure made partly from outside the area does not.
   */
  isWithin(unit: AdministrativeUnit, area: AdministrativeUnit): boolean {
    if (area.level === UnitLevel.NATION) return true;
    const placed = this.placedIn(unit, area.structure);
    return placed === area || placed.path.startsWith(`${area.path}/`);
  }

  /**
   * Every unit of either structure that lies wholly inside the area (see isWithin): its own structure's units
   * under it, then the other structure's placed at each of them (memoised).
   */
  unitsWithin(area: AdministrativeUnit): AdministrativeUnit[] {
    let within = this.unitsWithinCache.get(area);
    if (!within) {
      within = this.unitsUnder(area).flatMap((unit) => [unit, ...(this.placedAt.get(unit) ?? [])]);
      this.unitsWithinCache.set(area, within);
    }
    return within;
  }

  /** The communes of either structure that lie wholly inside the area (memoised). */
  communesWithin(area: AdministrativeUnit): Commune[] {
    let communes = this.communesWithinCache.get(area);
    if (!communes) {
      communes = this.unitsWithin(area).filter((unit): unit is Commune => unit.level === UnitLevel.COMMUNE);
      this.communesWithinCache.set(area, communes);
    }
    return communes;
  }

  /** Every unit at or below a unit (itself first), in code order. */
  unitsUnder(unit: AdministrativeUnit): AdministrativeUnit[] {
    return [unit, ...unit.children.flatMap((child) => this.unitsUnder(child))];
  }

  /** The unit and its ancestors up to (not including) the nation. */
  ancestorsOf(unit: AdministrativeUnit): AdministrativeUnit[] {
    const chain: AdministrativeUnit[] = [];
    for (let u: AdministrativeUnit | null = unit; u && u.level !== UnitLevel.NATION; u = u.parent) chain.push(u);
    return chain;
  }

  /** Accent-insensitive, ranked search by name. */
  search(text: string, structure: AdminStructure, limit: number): AdministrativeUnit[] {
    this.searchIndex ??= new UnitSearch(this.byId.values());
    return this.searchIndex.search(text, structure, limit);
  }

  get size(): number {
    return this.byId.size;
  }
}

function key(structure: AdminStructure, code: string): string {
  return `${structure}:${code}`;
}

function makeNation(structure: AdminStructure): Nation {
  return Object.assign(new Nation(), {
    dbId: 0,
    structure,
    code: 'VN',
    name: 'Việt Nam',
    type: UnitType.QUOC_GIA,
    level: UnitLevel.NATION,
    path: '',
    validFrom: null,
    validTo: null,
    parent: null,
    children: [],
  });
}
