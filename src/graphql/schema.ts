import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, PubSub } from 'type-graphql';
import { guardPersonalFields } from '../auth/personal-data';
import { PeopleResolver } from '../auth/people/people.resolver';
import { ApiKeyResolver } from '../auth/api-keys.resolver';
import { registerKeysOnlyFields } from './projection';
import { AdministrativeUnitFieldsResolver, AdminUnitResolver } from '../modules/admin-unit/admin-unit.resolver';
import { AwardResolver } from '../modules/award/award.resolver';
import { ClubResolver, MeetingResolver } from '../modules/club/club.resolver';
import { FundResolver, FundTransactionResolver, LoanResolver } from '../modules/fund/fund.resolver';
import { MemberResolver } from '../modules/member/member.resolver';
import { AuditEntryHealthResolver, HealthCheckResolver, HomeCareVisitResolver, MemberHealthResolver } from '../modules/health/health.resolver';
import { ClubQualityResolver, ClubSupervisionResolver, SupervisionVisitResolver } from '../modules/supervision/supervision.resolver';
import { TrainingCourseResolver } from '../modules/training/training.resolver';
import { IndicatorDefinitionResolver, IndicatorResolver, IndicatorTableResolver, TargetResolver } from '../modules/indicator/indicator.resolver';
import { Target } from '../modules/indicator/target.entity';
import { NodeResolver } from './node.resolver';
import { ClubReportQueries, ClubReportsField } from '../modules/reporting/club-report.resolver';
import { WRITE_RESOLVERS } from './write-resolvers';
import { LiveResolver } from '../modules/live/live.resolver';

let cached: Promise<GraphQLSchema> | undefined;

const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('Topic-based subscriptions are not used: see ChangeFeed');
  },
  subscribe() {
    throw new Error('Topic-based subscriptions are not used: see ChangeFeed');
  },
};

/** The hub's GraphQL schema, built from the resolvers' decorators; needs no database. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [
      NodeResolver,
      AdminUnitResolver,
      AdministrativeUnitFieldsResolver,
      ClubResolver,
      MeetingResolver,
      MemberResolver,
      FundResolver,
      LoanResolver,
      FundTransactionResolver,
      TrainingCourseResolver,
      AwardResolver,
      ClubSupervisionResolver, SupervisionVisitResolver, ClubQualityResolver,
      IndicatorResolver, IndicatorTableResolver, IndicatorDefinitionResolver, TargetResolver,
      ClubReportsField, ClubReportQueries,
      MemberHealthResolver, HealthCheckResolver, HomeCareVisitResolver, AuditEntryHealthResolver,
      ...WRITE_RESOLVERS,
      PeopleResolver,
      ApiKeyResolver,
      LiveResolver,
    ],
    // Subscriptions take their events from the change feed (their own `subscribe`); type-graphql insists on a
    // pub/sub all the same, and topic-based subscriptions are not used.
    pubSub: NO_TOPICS,
    // Every member of the Node interface must be in the schema even when no field returns it yet.
    orphanedTypes: [Target],
    validate: false,
    emitSchemaFile: false,
    // Federation directives (@key, @shareable) are declared by the subgraph's @link, not here.
    skipCheck: true,
  })
    .then(guardPersonalFields)
    .then(registerKeysOnlyFields);
  return cached;
}

/** The SDL committed at schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildHubSchema()))}\n`;
}
