import { registerEnumType } from 'type-graphql';

/** The overall rating a supervision visit gives a club. */
export enum ClubRating {
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  WEAK = 'WEAK',
}

registerEnumType(ClubRating, { name: 'ClubRating', description: 'The overall rating a supervision visit gives a club.' });
