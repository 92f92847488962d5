import { ForbiddenError } from '../errors';
import { AdminStructure, UnitLevel } from '../modules/admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../modules/admin-unit/admin-unit.types';
import { UnitDirectory } from '../modules/admin-unit/unit-directory';
import { Role, Viewer } from './viewer';

const RANK: Record<Role, number> = { ANONYMOUS: 0, PARTNER: 1, MINISTRY: 2, ASSOCIATION: 3, ADMIN: 4 };

/** The communes a club belongs to, as stored (either may be missing). */
export interface ClubPlace {
  communePre2025Id?: number | null;
  communePost2025Id?: number | null;
}

/**
 * What one viewer may read, decided on unit paths. Rules:
 * - units (names, codes, tree) are public reference data;
 * - anonymous callers see counts of the nation and provinces only;
 * - PARTNER and MINISTRY see every aggregate and every club, never people;
 * - ASSOCIATION sees clubs and people inside its scope subtree only (outside it, what anonymous sees);
 * - ADMIN sees everything.
 */
export class Access {
  private readonly scopeUnit: AdministrativeUnit | null;

  constructor(
    readonly viewer: Viewer,
    private readonly units: UnitDirectory,
  ) {
    this.scopeUnit = viewer.scope ? (units.find(viewer.scope.structure, viewer.scope.code) ?? null) : null;
  }

  private atLeast(role: Role): boolean {
    return RANK[this.viewer.role] >= RANK[role];
  }

  private get isAssociation(): boolean {
    return this.viewer.role === Role.ASSOCIATION;
  }

  /** The unit is the viewer's scope or below it. */
  inScope(unit: AdministrativeUnit): boolean {
    if (!this.viewer.scope) return true;
    const scope = this.scopeUnit;
    if (!scope || unit.structure !== scope.structure || unit.level === UnitLevel.NATION) return false;
    return unit.path === scope.path || unit.path.startsWith(`${scope.path}/`);
  }

  clubInScope(club: ClubPlace): boolean {
    if (!this.viewer.scope) return true;
    const id = this.viewer.scope.structure === AdminStructure.PRE_2025 ? club.communePre2025Id : club.communePost2025Id;
    const commune = id ? this.units.byDbId(id) : undefined;
    return !!commune && this.inScope(commune);
  }

  /** Counts (clubCount, memberCount…) on a unit. */
  requireCounts(unit: AdministrativeUnit): void {
    if (unit.level === UnitLevel.NATION || unit.level === UnitLevel.PROVINCE) return;
    if (this.atLeast(Role.PARTNER) && !this.isAssociation) return;
    if (this.isAssociation && this.inScope(unit)) return;
    throw new ForbiddenError(`Counts below province level need a partner key (or an association key for its own area)`);
  }

  /** Club-level data (a club, its funds, meetings, training, awards). */
  canSeeClub(club: ClubPlace): boolean {
    if (this.isAssociation) return this.clubInScope(club);
    return this.atLeast(Role.PARTNER);
  }

  requireClub(club: ClubPlace): void {
    if (!this.canSeeClub(club)) throw new ForbiddenError(this.atLeast(Role.PARTNER) ? 'This club is outside your area' : 'Club data needs an API key');
  }

  /** Members' personal data (names, birth, poverty, loans…) of a club's members. */
  mayReadPersonal(club: ClubPlace): boolean {
    if (this.viewer.role === Role.ADMIN) return true;
    return this.isAssociation && this.clubInScope(club);
  }

  /** Personal data of everyone counted in a unit (exact small indicator cells): ADMIN, or an ASSOCIATION whose scope holds the unit. */
  mayReadPersonalIn(unit: AdministrativeUnit): boolean {
    if (this.viewer.role === Role.ADMIN) return true;
    return this.isAssociation && this.inScope(unit);
  }

  /**
   * The unit a list of clubs (or of people, with `people`) under `unit` may cover: the unit itself, or, for
   * an association asking about a larger area, its own scope inside it.
   */
  listableUnder(unit: AdministrativeUnit, people: boolean): AdministrativeUnit {
    if (this.viewer.role === Role.ADMIN) return unit;
    if (this.isAssociation) {
      if (this.inScope(unit)) return unit;
      const scope = this.scopeUnit;
      if (scope && scope.structure === unit.structure && (unit.level === UnitLevel.NATION || scope.path.startsWith(`${unit.path}/`))) return scope;
      throw new ForbiddenError('This area is outside your scope');
    }
    if (people) throw new ForbiddenError('Lists of members need an association key for their area');
    if (!this.atLeast(Role.PARTNER)) throw new ForbiddenError('Lists of clubs need an API key');
    return unit;
  }

  /** The area a root list covers when no unit is named: an association's own scope, else the nation. */
  defaultArea(structure: AdminStructure): AdministrativeUnit {
    return this.isAssociation && this.scopeUnit ? this.scopeUnit : this.units.nation(structure);
  }

  /** Any write: an ADMIN key, or an ASSOCIATION key (which is then held to its scope). */
  requireWriter(): void {
    if (this.viewer.role === Role.ADMIN || this.isAssociation) return;
    throw new ForbiddenError(
      this.viewer.role === Role.ANONYMOUS ? 'Writing data needs an API key' : 'Writing data needs an ADMIN key or an association key for the area',
    );
  }

  /** Writes to a club's data: ADMIN anywhere, an ASSOCIATION inside its scope (the club's commune in the scope's structure). */
  mayWrite(club: ClubPlace): boolean {
    if (this.viewer.role === Role.ADMIN) return true;
    return this.isAssociation && this.clubInScope(club);
  }

  requireWrite(club: ClubPlace): void {
    this.requireWriter();
    if (!this.mayWrite(club)) throw new ForbiddenError('This club is outside your area: an association key may write only inside its scope');
  }

  /** Writes about a unit itself (a course its association organised, an award to it): ADMIN, or an ASSOCIATION at or above it. */
  requireWriteUnit(unit: AdministrativeUnit): void {
    this.requireWriter();
    if (this.viewer.role === Role.ADMIN) return;
    if (unit.level === UnitLevel.NATION || !this.inScope(unit)) throw new ForbiddenError('This unit is outside your area: an association key may write only inside its scope');
  }

  /** Indicator files (CSV, DHIS2): the Ministry and admins everywhere; an association for its own area. */
  requireExport(): void {
    if (this.viewer.role === Role.MINISTRY || this.viewer.role === Role.ADMIN || this.isAssociation) return;
    throw new ForbiddenError('Exports need a MINISTRY key (or an association key for its own area)');
  }

  /** Exports and targets. */
  requireMinistry(): void {
    if (this.viewer.role !== Role.MINISTRY && this.viewer.role !== Role.ADMIN) throw new ForbiddenError('This needs a MINISTRY or ADMIN key');
  }
}
