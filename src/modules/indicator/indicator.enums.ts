import { registerEnumType } from 'type-graphql';

/** What an indicator's value measures. */
export enum IndicatorUnit {
  COUNT = 'COUNT',
  /** 0–100 (may exceed 100 for meeting regularity). */
  PERCENT = 'PERCENT',
  /** Whole Vietnamese đồng. */
  DONG = 'DONG',
  /** An average per denominator unit (e.g. volunteers per club). */
  RATIO = 'RATIO',
}

/** Dimensions a member- or club-based indicator can be split by. */
export enum Disaggregation {
  SEX = 'SEX',
  /** Age at the end of the period. */
  AGE_BAND = 'AGE_BAND',
  POVERTY_STATUS = 'POVERTY_STATUS',
  /** The scheme or project the club was founded under. */
  PROGRAMME = 'PROGRAMME',
}

/** Age bands at the end of the period, from the birth date or, when only the year is known, 1 January of it. */
export enum AgeBand {
  UNDER_55 = 'UNDER_55',
  AGE_55_59 = 'AGE_55_59',
  AGE_60_69 = 'AGE_60_69',
  AGE_70_79 = 'AGE_70_79',
  AGE_80_PLUS = 'AGE_80_PLUS',
}

registerEnumType(IndicatorUnit, { name: 'IndicatorUnit', description: 'What an indicator value measures.' });
registerEnumType(Disaggregation, {
  name: 'Disaggregation',
  description: 'A dimension to split indicator values by; an indicator lists the ones that apply to it.',
  valuesConfig: {
    SEX: { description: "Member's sex (options FEMALE, MALE)." },
    AGE_BAND: { description: 'Age at the end of the period (options UNDER_55, AGE_55_59, AGE_60_69, AGE_70_79, AGE_80_PLUS).' },
    POVERTY_STATUS: { description: "Household poverty status (options POOR, NEAR_POOR, NOT_POOR)." },
    PROGRAMME: { description: 'Programme the club was founded under (options: the Programme enum).' },
  },
});
registerEnumType(AgeBand, { name: 'AgeBand' });
