import { Arg, Ctx, Field, Float, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { DateScalar } from '../../graphql/scalars';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { UnitRef } from '../club/club.inputs';
import { Checks } from '../shared/checks';
import { unitKeys } from '../shared/club-place';
import { runWrite } from '../shared/write';
import { findIndicator } from './indicator.catalogue';
import { IndicatorUnit } from './indicator.enums';
import { Target } from './target.entity';
import { Instrument } from './target.enums';

@InputType({ description: 'A policy target: one per instrument, indicator, unit and period (setting it again replaces the value).' })
export class SetTargetInput {
  @Field(() => Instrument)
  instrument!: Instrument;

  @Field({ description: 'Id of the indicator in the catalogue (indicatorDefinitions).' })
  indicatorId!: string;

  @Field(() => UnitRef, { nullable: true, description: 'The unit the target is for; none: the nation.' })
  unit?: UnitRef | null;

  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => DateScalar)
  periodEnd!: string;

  @Field(() => Float, { description: "In the indicator's unit (a count, a percentage or đồng); not negative." })
  value!: number;
}

@ObjectType()
export class TargetPayload {
  @Field(() => Target)
  target!: Target;

  @Field({ description: 'false: an existing target of the same instrument, indicator, unit and period got the new value.' })
  created!: boolean;
}

/** Targets are policy data: MINISTRY or ADMIN keys set them, anywhere. */
@Resolver()
export class TargetMutations {
  @Mutation(() => TargetPayload, { description: 'Sets a policy target (MINISTRY or ADMIN).' })
  setTarget(@Arg('input') input: SetTargetInput, @Ctx() ctx: HubContext): Promise<TargetPayload> {
    return runWrite(
      ctx,
      'setTarget',
      async ({ em, audit }) => {
        const checks = new Checks();
        const indicatorId = input.indicatorId.trim();
        const definition = findIndicator(indicatorId);
        if (!definition) checks.add('indicatorId', `No indicator has the id "${indicatorId}" (see indicatorDefinitions)`);
        const unit = input.unit ? ctx.units.find(input.unit.structure, input.unit.code.trim()) : null;
        if (input.unit && (!unit || unit.level === UnitLevel.NATION)) checks.add('unit', `No ${input.unit.structure} unit has the code "${input.unit.code}"`);
        checks.notBefore('periodEnd', input.periodEnd, input.periodStart, 'the start of the period');
        if (!Number.isFinite(input.value) || input.value < 0) checks.add('value', 'The value must not be negative');
        if (definition?.unit === IndicatorUnit.COUNT && !Number.isInteger(input.value)) checks.add('value', 'This indicator is a count: the value must be a whole number');
        checks.throwIfAny();
        const where = { instrument: input.instrument, indicatorId, unit: unit ? unit.dbId : null, periodStart: input.periodStart, periodEnd: input.periodEnd };
        const existing = await em.findOne(Target, where);
        const target = existing ?? new Target();
        audit.track(target, () => (unit ? unitKeys(ctx.units, [unit.dbId]) : ['POST_2025:VN', 'PRE_2025:VN']));
        // The column is decimal: "3000.0000" read back equals 3000, which must not count as a change.
        const value = existing && Number(existing.value) === input.value ? existing.value : String(input.value);
        Object.assign(target, { ...where, unit: unit ? em.getReference(AdminUnit, unit.dbId) : undefined, value });
        em.persist(target);
        return { target, created: !existing };
      },
      () => ctx.access.requireMinistry(),
    );
  }
}
