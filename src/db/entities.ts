import { ApiKey } from '../auth/api-key.entity';
import { Account, AccountRecoveryCode, AccountSession, SignInFailure } from '../auth/people/account.entity';
import { AdminUnit, AdminUnitCrosswalk } from '../modules/admin-unit/admin-unit.entity';
import { CommuneSummary } from '../modules/admin-unit/commune-summary.entity';
import { ProvinceSummary } from '../modules/admin-unit/province-summary.entity';
import { UnitPlacement } from '../modules/admin-unit/unit-placement.entity';
import { AuditEntry } from '../modules/audit/audit.entity';
import { Award } from '../modules/award/award.entity';
import { Club, ClubMonth, ClubPlaceHistory, ClubSummary, Meeting } from '../modules/club/club.entity';
import { Fund, FundTransaction, Loan } from '../modules/fund/fund.entity';
import { PlaceMonthCommuneSchema, PlaceMonthHorizonSchema, PlaceMonthSchema } from '../modules/indicator/place-month.entity';
import { Target } from '../modules/indicator/target.entity';
import { HealthCheck } from '../modules/health/health-check.entity';
import { HomeCareVisit } from '../modules/health/home-care-visit.entity';
import { Member } from '../modules/member/member.entity';
import { Approval } from '../modules/reporting/approval.entity';
import { ClubReport } from '../modules/reporting/club-report.entity';
import { ReportTally, ReportTallyHorizon, ReportTallyProvince } from '../modules/reporting/report-tally.entity';
import { SupervisionVisit } from '../modules/supervision/supervision-visit.entity';
import { TraineeFact } from '../modules/training/trainee-fact.entity';
import { Trainee, TrainingCourse } from '../modules/training/training.entity';
import { RateLimitRow } from '../runtime/rate-limit.entity';

/** Every persisted entity, by class reference (no globs: the same list works in ts-node, jest and dist). */
export const ENTITIES = [
  AdminUnit,
  AdminUnitCrosswalk,
  UnitPlacement,
  Club,
  ClubSummary,
  CommuneSummary,
  ProvinceSummary,
  ClubMonth,
  ClubPlaceHistory,
  Meeting,
  Member,
  Fund,
  Loan,
  FundTransaction,
  TrainingCourse,
  Trainee,
  TraineeFact,
  Award,
  Target,
  ClubReport,
  ReportTally,
  ReportTallyHorizon,
  ReportTallyProvince,
  PlaceMonthSchema,
  PlaceMonthHorizonSchema,
  PlaceMonthCommuneSchema,
  Approval,
  SupervisionVisit,
  HealthCheck,
  HomeCareVisit,
  ApiKey,
  AuditEntry,
  Account,
  AccountSession,
  AccountRecoveryCode,
  SignInFailure,
  RateLimitRow,
];
