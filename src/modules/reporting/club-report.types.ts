import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import { Commune } from '../admin-unit/admin-unit.types';
import { ClubReport } from './club-report.entity';

export enum ReportWriteAction {
  CREATED = 'CREATED',
  REPLACED = 'REPLACED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ReportWriteAction, { name: 'ReportWriteAction', description: "What a report write did to the month's report." });

@ObjectType({ description: "The month's report as stored after the write." })
export class ClubReportPayload {
  @Field(() => ClubReport)
  report!: ClubReport;

  @Field(() => ReportWriteAction, { description: 'UNCHANGED: the month already held these figures; nothing was written.' })
  action!: ReportWriteAction;
}

export enum ReportStatus {
  MISSING = 'MISSING',
  LATE = 'LATE',
}
registerEnumType(ReportStatus, { name: 'ReportStatus', description: 'Why an expected monthly report is listed.' });

@ObjectType({ description: 'An expected monthly report that is missing or was first submitted after the deadline: what an officer needs to call the club.', simpleResolvers: true })
export class MissingReport {
  @Field({ description: 'The club code.' })
  clubCode!: string;

  @Field()
  clubName!: string;

  @Field(() => Commune, { nullable: true, description: 'The commune where the club was at the end of the month: in the structure asked for, or in the other one for a club with no commune there.' })
  commune!: Commune | null;

  @Field(() => Int, { nullable: true, description: 'Day of the month the club usually meets.' })
  meetingDay!: number | null;

  @Field(() => DateScalar, { description: 'The first day of the month expected.' })
  month!: string;

  @Field(() => ReportStatus)
  status!: ReportStatus;

  @Field(() => DateScalar, { description: 'The day by which the report was due.' })
  deadline!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day of the first submission (LATE reports).' })
  submittedOn!: string | null;

  /** For the chair's name, resolved only for viewers who may read the club's people. */
  clubId!: number;
  communeIds!: { communePre2025Id?: number; communePost2025Id?: number };
}

export const MissingReportConnection = Connection(MissingReport, 'MissingReport');
