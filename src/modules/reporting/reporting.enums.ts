import { registerEnumType } from 'type-graphql';

/** How a monthly club report reached the hub. */
export enum ReportSource {
  /** Entered by a mutation with its figures. */
  ENTERED = 'ENTERED',
  /** A row of a CSV file. */
  IMPORTED = 'IMPORTED',
  /** Derived from the records already entered for the month and confirmed (submitClubReport). */
  DERIVED = 'DERIVED',
}

registerEnumType(ReportSource, { name: 'ReportSource', description: 'How a monthly club report reached the hub.' });
