import { ForbiddenError } from '../errors';
import { roundPeople } from './disclosure';
import { AdminStructure, UnitLevel } from '../modules/admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../modules/admin-unit/admin-unit.types';
import { UnitDirectory } from '../modules/admin-unit/unit-directory';
import { ClubPlace, clubWithin } from '../modules/admin-unit/unit-scope';
import { Role, Viewer } from './viewer';

const RANK: Record<Role, number> = { ANONYMOUS: 0, PARTNER: 1, MINISTRY: 2, ASSOCIATION: 3, ADMIN: 4 };

export type { ClubPlace };

/**
 * What one viewer may read, decided on unit paths. Rules:
 * - units (names, codes, tree) are public reference data;
 * - anonymous callers see counts of the nation and provinces only;
 * - PARTNER and MINISTRY see every aggregate and every club, never people;
 * - ASSOCIATION sees clubs and people inside its scope's area only (outside it, what anonymous sees);
 * - ADMIN sees everything.
 * A scope's area spans both structures: its own units under it, and the units and clubs of the other structure
 * that lie wholly inside it by the 2025 crosswalk (UnitDirectory.isWithin, clubWithin).
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

  /** The unit (of either structure) lies wholly inside the viewer's scope. */
  inScope(unit: AdministrativeUnit): boolean {
    if (!this.viewer.scope) return true;
    const scope = this.scopeUnit;
    return !!scope && unit.level !== UnitLevel.NATION && this.units.isWithin(unit, scope);
  }

  clubInScope(club: ClubPlace): boolean {
    if (!this.viewer.scope) return true;
    return !!this.scopeUnit && clubWithin(this.units, club, this.scopeUnit);
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

  /**
   * Individual health records (health checks, home-care visits) of a club's members: ADMIN, or an ASSOCIATION
   * holding the health permission inside its scope. Reading and writing them both need it.
   */
  mayReadHealth(club: ClubPlace): boolean {
    if (this.viewer.role === Role.ADMIN) return true;
    return this.isAssociation && this.viewer.mayReadHealthRecords === true && this.clubInScope(club);
  }

  /** Whether the viewer may read any individual health record at all (decided before any record is read). */
  get mayReadHealthAnywhere(): boolean {
    return this.viewer.role === Role.ADMIN || (this.isAssociation && this.viewer.mayReadHealthRecords === true);
  }

  /** Personal data of everyone counted in a unit (exact small indicator cells): ADMIN, or an ASSOCIATION whose scope holds the unit. */
  mayReadPersonalIn(unit: AdministrativeUnit): boolean {
    if (this.viewer.role === Role.ADMIN) return true;
    return this.isAssociation && this.inScope(unit);
  }

  /** A count of a unit's people (members, older members) as this viewer may see it: exact, or rounded down. */
  peopleInUnit(unit: AdministrativeUnit, count: number): number {
    return this.mayReadPersonalIn(unit) ? count : roundPeople(count);
  }

  /** A count of a club's people as this viewer may see it: exact, or rounded down. */
  peopleInClub(club: ClubPlace, count: number): number {
    return this.mayReadPersonal(club) ? count : roundPeople(count);
  }

  /**
   * The unit a list of clubs (or of people, with `people`) under `unit` may cover: the unit itself, or, for
   * an association asking about a larger area (of either structure), its own scope inside it.
   */
  listableUnder(unit: AdministrativeUnit, people: boolean): AdministrativeUnit {
    if (this.viewer.role === Role.ADMIN) return unit;
    if (this.isAssociation) {
      if (this.inScope(unit)) return unit;
      const scope = this.scopeUnit;
      if (scope && this.units.isWithin(scope, unit)) return scope;
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

  /** Writes to a club's data: ADMIN anywhere, an ASSOCIATION inside its scope's area. */
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
