import { registerEnumType } from 'type-graphql';

export enum ClubStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  DISSOLVED = 'DISSOLVED',
}

/** The scheme or project under which a club was founded. */
export enum Programme {
  /** Decision 1533/QĐ-TTg (2016). */
  DECISION_1533 = 'DECISION_1533',
  /** Decision 1336/QĐ-TTg (31 Aug 2020, to 2025). */
  DECISION_1336 = 'DECISION_1336',
  /** Decision 1648/QĐ-TTg (1 Aug 2025, to 2035). */
  DECISION_1648 = 'DECISION_1648',
  /** An NGO or donor project (the model's origin, from 2006). */
  NGO_PROJECT = 'NGO_PROJECT',
  LOCAL_INITIATIVE = 'LOCAL_INITIATIVE',
}

/** The eight activity areas of the club model. */
export enum ActivityArea {
  LIVELIHOODS = 'LIVELIHOODS',
  HEALTH_CARE = 'HEALTH_CARE',
  HOME_CARE = 'HOME_CARE',
  SELF_HELP = 'SELF_HELP',
  RIGHTS_AND_ENTITLEMENTS = 'RIGHTS_AND_ENTITLEMENTS',
  LIFELONG_LEARNING = 'LIFELONG_LEARNING',
  CULTURE_AND_SPORT = 'CULTURE_AND_SPORT',
  RESOURCE_MOBILISATION = 'RESOURCE_MOBILISATION',
}

registerEnumType(ClubStatus, { name: 'ClubStatus' });
registerEnumType(Programme, { name: 'Programme', description: 'The scheme or project a club was founded under.' });
registerEnumType(ActivityArea, { name: 'ActivityArea', description: 'The eight activity areas of the club model.' });
