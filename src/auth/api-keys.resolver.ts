import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../context';
import { BadUserInputError, ForbiddenError } from '../errors';
import { AdminStructure } from '../modules/admin-unit/admin-unit.enums';
import { UnitRef } from '../modules/club/club.inputs';
import { ApiKey } from './api-key.entity';
import { actorOf } from '../modules/audit/audit.entry';
import { ApiKeyInputError, createApiKey, KeyWriter, listApiKeys, revokeApiKey } from './api-keys';
import { Role } from './viewer';

@ObjectType('ApiKeyScope', { description: 'The unit whose subtree an ASSOCIATION key may act in.' })
class ApiKeyScope {
  @Field(() => AdminStructure) structure!: AdminStructure;
  @Field() code!: string;
}

@ObjectType('ApiKey', { description: 'An API key as the hub keeps it: never its secret (ADMIN).' })
class ApiKeyType {
  @Field(() => Int) id!: number;
  @Field({ description: 'The public handle of the key: its first part after "ishc_", and what revokeApiKey takes.' }) prefix!: string;
  @Field() organisation!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ApiKeyScope, { nullable: true, description: 'Null: the whole nation.' }) scope!: ApiKeyScope | null;
  @Field({ description: 'Only operations from schema/operations/ may be run with it.' }) persistedOperationsOnly!: boolean;
  @Field({ description: 'Holds the health permission: individual health records of its scope (ASSOCIATION keys).' }) healthRecords!: boolean;
  @Field({ description: 'ISO 8601, UTC.' }) createdAt!: string;
  @Field(() => String, { nullable: true, description: 'ISO 8601, UTC; null: never.' }) expiresAt!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601, UTC; null: not revoked.' }) revokedAt!: string | null;
  @Field({ description: 'Neither revoked nor expired.' }) active!: boolean;
}

@ObjectType('NewApiKey', { description: 'A key just issued: `key` is shown here once and is not stored by the hub.' })
class NewApiKey {
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
  @Field({ description: 'The whole key (Authorization: Bearer <key>); it cannot be shown again.' }) key!: string;
}

@InputType('CreateApiKeyInput')
class CreateApiKeyInput {
  @Field({ description: 'The organisation the key is issued to.' }) organisation!: string;
  @Field(() => Role) role!: Role;
  @Field(() => UnitRef, { nullable: true, description: 'Required for ASSOCIATION; null: the whole nation.' }) scope?: UnitRef | null;
  @Field(() => String, { nullable: true, description: 'Last valid day, YYYY-MM-DD (Vietnam time); null: never expires.' }) expiresOn?: string | null;
  @Field({ defaultValue: false }) persistedOperationsOnly!: boolean;
  @Field({ defaultValue: false, description: 'The health permission (ASSOCIATION keys only), as `npm run keys -- create --health`.' }) health!: boolean;
}

function requireAdmin(ctx: HubContext): void {
  if (ctx.viewer.role !== Role.ADMIN) throw new ForbiddenError('Managing API keys needs an ADMIN account or key');
}

const writer = (ctx: HubContext): KeyWriter => ({ actor: actorOf(ctx.viewer), requestId: ctx.requestId });

function keyOut(k: ApiKey, now: Date): ApiKeyType {
  return {
    id: k.id,
    prefix: k.prefix,
    organisation: k.organisation,
    role: k.role,
    scope: k.scopeStructure && k.scopeCode ? { structure: k.scopeStructure, code: k.scopeCode } : null,
    persistedOperationsOnly: k.persistedOperationsOnly,
    healthRecords: k.healthRecords,
    createdAt: k.createdAt.toISOString(),
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    active: !k.revokedAt && !(k.expiresAt && k.expiresAt <= now),
  };
}

/** The end of a last valid day in Vietnam, as `npm run keys -- create --expires` reads it. */
function endOfDay(day: string): Date {
  const end = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T23:59:59+07:00`) : new Date(NaN);
  if (Number.isNaN(end.getTime())) throw new BadUserInputError('expiresOn must be a day, YYYY-MM-DD', 'expiresOn');
  return end;
}

/** API keys over GraphQL for the web app's administration: the same functions as `npm run keys` (api-keys.ts). */
@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKeyType], { description: 'Every API key, oldest first, active or not (ADMIN).' })
  async apiKeys(@Ctx() ctx: HubContext): Promise<ApiKeyType[]> {
    requireAdmin(ctx);
    const now = new Date();
    return (await listApiKeys(ctx.em)).map((k) => keyOut(k, now));
  }

  @Mutation(() => NewApiKey, { description: 'Issues an API key (ADMIN); the key itself is in the answer only.' })
  async createApiKey(@Ctx() ctx: HubContext, @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<NewApiKey> {
    requireAdmin(ctx);
    const expiresAt = input.expiresOn ? endOfDay(input.expiresOn) : null;
    if (expiresAt && expiresAt <= new Date()) throw new BadUserInputError('expiresOn is already past', 'expiresOn');
    try {
      const { key, apiKey } = await createApiKey(ctx.em, ctx.units, {
        organisation: input.organisation,
        role: input.role,
        scope: input.scope ? { structure: input.scope.structure, code: input.scope.code } : null,
        expiresAt,
        persistedOperationsOnly: input.persistedOperationsOnly,
        health: input.health,
      }, writer(ctx));
      return { key, apiKey: keyOut(apiKey, new Date()) };
    } catch (err) {
      if (err instanceof ApiKeyInputError) throw new BadUserInputError(err.message, 'input');
      throw err;
    }
  }

  @Mutation(() => Boolean, { description: 'Revokes a key by its prefix at once, on every hub instance (ADMIN). False when no active key has it.' })
  async revokeApiKey(@Ctx() ctx: HubContext, @Arg('prefix') prefix: string): Promise<boolean> {
    requireAdmin(ctx);
    return revokeApiKey(ctx.em, prefix, writer(ctx));
  }
}
