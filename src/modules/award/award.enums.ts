import { registerEnumType } from 'type-graphql';

/** Forms of recognition; the names are the Vietnamese terms without diacritics. */
export enum AwardKind {
  /** Certificate of merit from a ministry, province or the Prime Minister. */
  BANG_KHEN = 'BANG_KHEN',
  /** Certificate of commendation from a lower body. */
  GIAY_KHEN = 'GIAY_KHEN',
  /** Commemorative medal. */
  KY_NIEM_CHUONG = 'KY_NIEM_CHUONG',
  OTHER = 'OTHER',
}

export enum AwardRecipientKind {
  CLUB = 'CLUB',
  MEMBER = 'MEMBER',
  /** The Association of the Elderly of an administrative unit. */
  ASSOCIATION = 'ASSOCIATION',
}

registerEnumType(AwardKind, { name: 'AwardKind' });
registerEnumType(AwardRecipientKind, { name: 'AwardRecipientKind' });
