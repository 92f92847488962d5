import { registerEnumType } from 'type-graphql';

/** The result of one domain of a WHO ICOPE step-1 screening. */
export enum ScreeningResult {
  POSITIVE = 'POSITIVE',
  NEGATIVE = 'NEGATIVE',
  NOT_DONE = 'NOT_DONE',
}

/** The level of care a member was referred to (Vietnam's tiers of care). */
export enum CareLevel {
  /** Trạm y tế xã (commune health station). */
  COMMUNE_HEALTH_STATION = 'COMMUNE_HEALTH_STATION',
  /** Trung tâm y tế / bệnh viện huyện (district health centre or hospital). */
  DISTRICT = 'DISTRICT',
  /** Bệnh viện tỉnh (provincial hospital). */
  PROVINCIAL = 'PROVINCIAL',
  /** Bệnh viện trung ương (central hospital). */
  CENTRAL = 'CENTRAL',
}

/** What a home-care volunteer did on a visit. */
export enum HomeCareHelp {
  /** Company and emotional support. */
  COMPANIONSHIP = 'COMPANIONSHIP',
  /** Help with bathing, dressing, eating. */
  PERSONAL_CARE = 'PERSONAL_CARE',
  /** Cleaning, cooking, shopping. */
  HOUSEWORK = 'HOUSEWORK',
  /** Blood pressure, medicines, watching for warning signs. */
  HEALTH_MONITORING = 'HEALTH_MONITORING',
  /** Going with the member to a health facility or a service. */
  ESCORT = 'ESCORT',
  OTHER = 'OTHER',
}

/** The six intrinsic-capacity domains of WHO ICOPE step 1, in the order of the screening form. */
export const ICOPE_DOMAINS = ['cognition', 'mobility', 'nutrition', 'vision', 'hearing', 'mood'] as const;
export type IcopeDomain = (typeof ICOPE_DOMAINS)[number];

registerEnumType(ScreeningResult, { name: 'ScreeningResult', description: 'The result of one ICOPE screening domain.' });
registerEnumType(CareLevel, { name: 'CareLevel', description: 'The level of care a member was referred to.' });
registerEnumType(HomeCareHelp, { name: 'HomeCareHelp', description: 'What a home-care volunteer did on a visit.' });
