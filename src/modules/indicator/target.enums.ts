import { registerEnumType } from 'type-graphql';

/** The policy instrument a target comes from. */
export enum Instrument {
  DECISION_1336 = 'DECISION_1336',
  DECISION_1648 = 'DECISION_1648',
  PROVINCIAL_PLAN = 'PROVINCIAL_PLAN',
}

registerEnumType(Instrument, { name: 'Instrument', description: 'The policy instrument a target comes from.' });
