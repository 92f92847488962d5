import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context';
import { ReadsKeysOnly } from '../../graphql/projection';
import { AuditEntry } from '../audit/audit.entity';
import { Club } from '../club/club.entity';
import { Member } from '../member/member.entity';
import { auditHealthReads, HealthRead, isHealthRecordType, releaseHealthRecords, requireHealthAccess } from './health-access';
import { HealthCheck } from './health-check.entity';
import { HomeCareVisit } from './home-care-visit.entity';

const checkRead = (c: HealthCheck): HealthRead => ({ type: 'HealthCheck', id: c.id, memberId: c.member.id, clubId: c.club.id });
const visitRead = (v: HomeCareVisit): HealthRead => ({ type: 'HomeCareVisit', id: v.id, memberId: v.visited.id, clubId: v.club.id });

const SPECIAL = 'Special category: needs the health permission for the area (null with FORBIDDEN otherwise); every read is written to the audit log.';

/** A member's health records: guarded by the health permission, every read audited (health-access.ts). */
@Resolver(() => Member)
export class MemberHealthResolver {
  @ReadsKeysOnly()
  @FieldResolver(() => [HealthCheck], { nullable: true, description: `The member's health checks, newest first. ${SPECIAL}` })
  async healthChecks(@Root() member: Member, @Ctx() ctx: HubContext): Promise<HealthCheck[]> {
    await requireHealthAccess(ctx, member.club.id);
    const checks = await ctx.loaders.health.checksByMember.load(member.id);
    return releaseHealthRecords(ctx, 'Member.healthChecks', checks.map(checkRead), checks);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => [HomeCareVisit], { nullable: true, description: `Home-care visits the member received, newest first. ${SPECIAL}` })
  async homeCareVisits(@Root() member: Member, @Ctx() ctx: HubContext): Promise<HomeCareVisit[]> {
    await requireHealthAccess(ctx, member.club.id);
    const visits = await ctx.loaders.health.visitsByVisited.load(member.id);
    return releaseHealthRecords(ctx, 'Member.homeCareVisits', visits.map(visitRead), visits);
  }

  @ReadsKeysOnly()
  @FieldResolver(() => [HomeCareVisit], { nullable: true, description: `Home-care visits the member made as a volunteer, newest first. ${SPECIAL}` })
  async homeCareVisitsMade(@Root() member: Member, @Ctx() ctx: HubContext): Promise<HomeCareVisit[]> {
    await requireHealthAccess(ctx, member.club.id);
    const visits = await ctx.loaders.health.visitsByVolunteer.load(member.id);
    return releaseHealthRecords(ctx, 'Member.homeCareVisitsMade', visits.map(visitRead), visits);
  }
}

@Resolver(() => HealthCheck)
export class HealthCheckResolver {
  @FieldResolver(() => Member)
  async member(@Root() check: HealthCheck, @Ctx() ctx: HubContext): Promise<Member> {
    return (await ctx.loaders.members.memberById.load(check.member.id))!;
  }

  @FieldResolver(() => Club)
  async club(@Root() check: HealthCheck, @Ctx() ctx: HubContext): Promise<Club> {
    return (await ctx.loaders.clubs.clubById.load(check.club.id))!;
  }
}

@Resolver(() => HomeCareVisit)
export class HomeCareVisitResolver {
  @FieldResolver(() => Member, { description: 'The volunteer who visited.' })
  async volunteer(@Root() visit: HomeCareVisit, @Ctx() ctx: HubContext): Promise<Member> {
    return (await ctx.loaders.members.memberById.load(visit.volunteer.id))!;
  }

  @FieldResolver(() => Member, { description: 'The member visited.' })
  async visited(@Root() visit: HomeCareVisit, @Ctx() ctx: HubContext): Promise<Member> {
    return (await ctx.loaders.members.memberById.load(visit.visited.id))!;
  }

  @FieldResolver(() => Club)
  async club(@Root() visit: HomeCareVisit, @Ctx() ctx: HubContext): Promise<Club> {
    return (await ctx.loaders.clubs.clubById.load(visit.club.id))!;
  }
}

/** node(id:) of a health record: the same rule and the same read entry as the fields. */
export async function requireHealthNode(ctx: HubContext, type: string, node: HealthCheck | HomeCareVisit): Promise<void> {
  await requireHealthAccess(ctx, node.club.id);
  await auditHealthReads(ctx, 'node', [type === 'HealthCheck' ? checkRead(node as HealthCheck) : visitRead(node as HomeCareVisit)]);
}

/**
 * The audit log keeps each write's record before and after: for a health record that is health data, so
 * `before` and `after` of such entries follow the health rule (and reading them is itself a read entry).
 */
@Resolver(() => AuditEntry)
export class AuditEntryHealthResolver {
  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'The record before the write; null when it was created. Of a health record: special category.' })
  before(@Root() entry: AuditEntry, @Ctx() ctx: HubContext): Promise<Record<string, unknown> | null> | Record<string, unknown> | null {
    return guardedSnapshot(ctx, entry, entry.before ?? null);
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'The record after the write; null when it was removed. Of a health record: special category.' })
  after(@Root() entry: AuditEntry, @Ctx() ctx: HubContext): Promise<Record<string, unknown> | null> | Record<string, unknown> | null {
    return guardedSnapshot(ctx, entry, entry.after ?? null);
  }
}

function guardedSnapshot(ctx: HubContext, entry: AuditEntry, snapshot: Record<string, unknown> | null) {
  if (!snapshot || !isHealthRecordType(entry.entityType)) return snapshot;
  const clubId = Number(snapshot.club);
  const memberId = Number(entry.entityType === 'HealthCheck' ? snapshot.member : snapshot.visited);
  return requireHealthAccess(ctx, clubId)
    .then(() => auditHealthReads(ctx, 'auditLog', [{ type: entry.entityType as HealthRead['type'], id: entry.entityId, memberId, clubId }]))
    .then(() => snapshot);
}
