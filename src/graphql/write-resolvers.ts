import { AuditResolver } from '../modules/audit/audit.resolver';
import { AwardMutations } from '../modules/award/award.mutations';
import { ClubMutations } from '../modules/club/club.mutations';
import { MeetingMutations } from '../modules/club/meeting.mutations';
import { FundMutations } from '../modules/fund/fund.mutations';
import { TargetMutations } from '../modules/indicator/target.mutations';
import { MemberMutations } from '../modules/member/member.mutations';
import { SupervisionMutations } from '../modules/supervision/supervision.mutations';
import { HealthMutations } from '../modules/health/health.mutations';
import { TrainingMutations } from '../modules/training/training.mutations';
import { ClubReportMutations } from '../modules/reporting/club-report.resolver';
import { ApprovalFieldsResolver, ApprovalResolver } from '../modules/reporting/approval.resolver';

/** The mutations of every module and the audit log query (registered in schema.ts with one line). */
export const WRITE_RESOLVERS = [
  ClubMutations,
  MeetingMutations,
  MemberMutations,
  FundMutations,
  TrainingMutations,
  AwardMutations,
  TargetMutations,
  ClubReportMutations,
  SupervisionMutations,
  HealthMutations,
  AuditResolver,
  ApprovalResolver,
  ApprovalFieldsResolver,
] as const;
