import type { UnitDirectory } from '../admin-unit/unit-directory';
import type { ClubPlace } from '../admin-unit/unit-scope';
import { unitKeys } from './club-place';

/** The club fields ownership needs: a Club entity, or any row carrying its id, code and communes. */
export interface OwningClub {
  id: number;
  code: string;
  communePre2025?: { id: number } | null;
  communePost2025?: { id: number } | null;
}

/**
 * Which club and units a record belongs to: the one answer used for access (place), for the period lock
 * (clubId) and for the audit log (units). Every club record (member, meeting, fund, ledger entry, loan,
 * trainee, award) belongs to its club, and the club to its present communes.
 */
export interface RecordOwner {
  clubId: number;
  clubCode: string;
  /** The communes as ids, for access checks on unit paths. */
  place: ClubPlace;
  /** The units of the audit log (the communes and the units above, both structures). */
  units: (directory: UnitDirectory) => string[];
}

export function ownerOf(club: OwningClub): RecordOwner {
  return {
    clubId: club.id,
    clubCode: club.code,
    place: { communePre2025Id: club.communePre2025?.id, communePost2025Id: club.communePost2025?.id },
    units: (directory) => unitKeys(directory, [club.communePre2025?.id, club.communePost2025?.id]),
  };
}
