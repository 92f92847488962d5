import { registerEnumType } from 'type-graphql';

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}

/** Household poverty classification under the national multidimensional poverty standard. */
export enum PovertyStatus {
  POOR = 'POOR',
  NEAR_POOR = 'NEAR_POOR',
  NOT_POOR = 'NOT_POOR',
}

export enum BoardRole {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  TREASURER = 'TREASURER',
  SECRETARY = 'SECRETARY',
  BOARD_MEMBER = 'BOARD_MEMBER',
}

export enum LeaveReason {
  DECEASED = 'DECEASED',
  MOVED_AWAY = 'MOVED_AWAY',
  HEALTH = 'HEALTH',
  PERSONAL = 'PERSONAL',
  CLUB_DISSOLVED = 'CLUB_DISSOLVED',
  OTHER = 'OTHER',
}

registerEnumType(Sex, { name: 'Sex' });
registerEnumType(PovertyStatus, { name: 'PovertyStatus' });
registerEnumType(BoardRole, { name: 'BoardRole' });
registerEnumType(LeaveReason, { name: 'LeaveReason' });
