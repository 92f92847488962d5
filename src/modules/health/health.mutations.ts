import { Arg, Ctx, Field, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import type { HubContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { PeriodLockedError } from '../reporting/period-lock';
import { Checks } from '../shared/checks';
import { decodeId, runWrite, WriteTx } from '../shared/write';
import { HealthCheck } from './health-check.entity';
import { RecordHealthCheckInput, RecordHomeCareVisitInput } from './health.write-inputs';
import { checkHealthChecks, checkHomeCareVisits, HealthVerdict, requireHealthWriter } from './health.writes';
import { HomeCareVisit } from './home-care-visit.entity';

export enum RecordWriteAction {
  CREATED = 'CREATED',
  REPLACED = 'REPLACED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(RecordWriteAction, { name: 'RecordWriteAction', description: 'What recording a health record did.' });
const ACTION = { create: RecordWriteAction.CREATED, update: RecordWriteAction.REPLACED, unchanged: RecordWriteAction.UNCHANGED } as const;

@ObjectType({ description: 'The health check as stored after the write (returned to its writer, who holds the health permission).' })
export class HealthCheckPayload {
  @Field(() => HealthCheck)
  healthCheck!: HealthCheck;

  @Field(() => RecordWriteAction)
  action!: RecordWriteAction;
}

@ObjectType({ description: 'The home-care visit as stored after the write.' })
export class HomeCareVisitPayload {
  @Field(() => HomeCareVisit)
  visit!: HomeCareVisit;

  @Field(() => RecordWriteAction)
  action!: RecordWriteAction;
}

/** A batch of one through the shared check: its verdict as the API's errors, or the record written. */
function settle<T>(checks: Checks, verdict: HealthVerdict<T>, lockedField: string, tx: WriteTx): { record: T; action: RecordWriteAction } {
  switch (verdict.kind) {
    case 'outside':
      throw new ForbiddenError('This club is outside your health area');
    case 'invalid':
      checks.throwIfAny();
      throw new Error('a health record refused without a problem');
    case 'locked':
      throw new PeriodLockedError([verdict.lock], `input.${lockedField}`);
    case 'write':
      return { record: verdict.apply!(tx), action: ACTION[verdict.action] };
  }
}

@Resolver()
export class HealthMutations {
  @Mutation(() => HealthCheckPayload, {
    description: "Records a member's health check (blood pressure, weight, height, ICOPE step-1 screening, referral). Needs the health permission for the area.",
  })
  recordHealthCheck(@Arg('input') input: RecordHealthCheckInput, @Ctx() ctx: HubContext): Promise<HealthCheckPayload> {
    return runWrite(
      ctx,
      'recordHealthCheck',
      async (tx) => {
        const checks = new Checks();
        const memberId = decodeId(checks, 'memberId', input.memberId, 'Member');
        const { memberId: _, ...fields } = input;
        const draft = { checks, member: memberId ? { id: memberId } : undefined, memberField: 'memberId', fields };
        if (!memberId) checks.throwIfAny();
        const [verdict] = await checkHealthChecks(tx.em, ctx, [draft], { lock: true });
        const { record, action } = settle(checks, verdict, 'checkedOn', tx);
        return { healthCheck: record, action };
      },
      () => requireHealthWriter(ctx),
    );
  }

  @Mutation(() => HomeCareVisitPayload, { description: "Records a volunteer's home-care visit to a member of the same club. Needs the health permission for the area." })
  recordHomeCareVisit(@Arg('input') input: RecordHomeCareVisitInput, @Ctx() ctx: HubContext): Promise<HomeCareVisitPayload> {
    return runWrite(
      ctx,
      'recordHomeCareVisit',
      async (tx) => {
        const checks = new Checks();
        const volunteer = decodeId(checks, 'volunteerId', input.volunteerId, 'Member');
        const visited = decodeId(checks, 'visitedId', input.visitedId, 'Member');
        checks.throwIfAny();
        const draft = {
          checks,
          volunteer: volunteer ? { id: volunteer } : undefined,
          visited: visited ? { id: visited } : undefined,
          fields: { volunteer: 'volunteerId', visited: 'visitedId' },
          visitedOn: input.visitedOn,
          help: input.help,
        };
        const [verdict] = await checkHomeCareVisits(tx.em, ctx, [draft], { lock: true });
        const { record, action } = settle(checks, verdict, 'visitedOn', tx);
        return { visit: record, action };
      },
      () => requireHealthWriter(ctx),
    );
  }
}
