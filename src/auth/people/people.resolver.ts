import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { HubContext } from '../../context';
import { ErrorCode, ForbiddenError } from '../../errors';
import { AdminStructure } from '../../modules/admin-unit/admin-unit.enums';
import { UnitRef } from '../../modules/club/club.inputs';
import { Role } from '../viewer';
import { AccountView, PeopleError, PeopleService, SessionView } from './people.service';

export enum ViewerKind {
  ANONYMOUS = 'ANONYMOUS',
  API_KEY = 'API_KEY',
  PERSON = 'PERSON',
}
registerEnumType(ViewerKind, { name: 'ViewerKind', description: 'How the caller authenticated.' });

@ObjectType('ViewerScope', { description: 'The unit whose subtree an ASSOCIATION account or key may act in.' })
class ViewerScope {
  @Field(() => AdminStructure) structure!: AdminStructure;
  @Field() code!: string;
}

@ObjectType('Account', { description: 'A person who signs in with e-mail and password (ADMIN manages accounts).' })
class AccountType {
  @Field(() => Int) id!: number;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field() organisation!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ViewerScope, { nullable: true }) scope!: ViewerScope | null;
  @Field({ description: 'Holds the health permission: individual health records of its scope (ASSOCIATION).' }) healthRecords!: boolean;
  @Field({ description: 'False: disabled, cannot sign in, has no sessions.' }) active!: boolean;
  @Field({ description: 'False until the person has used the set-password link.' }) passwordSet!: boolean;
  @Field({ description: 'A TOTP second factor is on.' }) totpEnabled!: boolean;
}

@ObjectType('ViewerRights', { description: 'What the caller may do, so a client can show or hide actions; the server checks every request regardless.' })
class ViewerRights {
  @Field({ description: "Members' personal data (inside the scope for an association)." }) readPersonalData!: boolean;
  @Field({ description: 'Individual health records: health checks and home-care visits (ADMIN; an association with the health permission, inside its scope). Every read is audited.' })
  readHealthRecords!: boolean;
  @Field({ description: 'Create and change records, import files (inside the scope for an association).' }) write!: boolean;
  @Field({ description: 'Indicator files: CSV and DHIS2 exports.' }) export!: boolean;
  @Field({ description: 'Set indicator targets.' }) manageTargets!: boolean;
  @Field({ description: 'The audit log (an association: its own area).' }) readAuditLog!: boolean;
  @Field({ description: 'Invite, disable and list accounts; end anyone’s sessions.' }) manageAccounts!: boolean;
}

@ObjectType('Viewer', { description: 'Who is calling and what they may do.' })
class ViewerType {
  @Field(() => ViewerKind) kind!: ViewerKind;
  @Field(() => Role) role!: Role;
  @Field(() => String, { nullable: true }) organisation!: string | null;
  @Field(() => ViewerScope, { nullable: true, description: 'Null: the whole nation.' }) scope!: ViewerScope | null;
  @Field(() => Int, { nullable: true, description: 'The API key, when keyed.' }) keyId!: number | null;
  @Field(() => AccountType, { nullable: true, description: 'The signed-in person.' }) account!: AccountType | null;
  @Field(() => Int, { nullable: true, description: 'The current session, when signed in.' }) sessionId!: number | null;
  @Field(() => ViewerRights) may!: ViewerRights;
}

@ObjectType('Session', { description: 'A signed-in browser: ends after SESSION_IDLE_MINUTES unused or SESSION_ABSOLUTE_HOURS in all.' })
class SessionType {
  @Field(() => Int) id!: number;
  @Field(() => Int) accountId!: number;
  @Field({ description: 'ISO 8601, UTC.' }) createdAt!: string;
  @Field({ description: 'ISO 8601, UTC.' }) lastSeenAt!: string;
  @Field({ description: 'The absolute end (ISO 8601, UTC).' }) expiresAt!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field({ description: 'The session of this request.' }) current!: boolean;
}

@ObjectType('SetPasswordLink', { description: 'A one-time link: shown once, valid until expiresAt; the hub sends no mail.' })
class SetPasswordLink {
  @Field(() => AccountType) account!: AccountType;
  @Field({ description: 'The secret to give the person (POST /auth/set-password {token, password}).' }) token!: string;
  @Field({ description: 'The web app path that carries it: /set-password#token=…' }) path!: string;
  @Field({ description: 'ISO 8601, UTC.' }) expiresAt!: string;
}

@ObjectType('TotpSetup', { description: 'The secret for an authenticator app; in force once confirmTotpSetup accepts a code.' })
class TotpSetup {
  @Field({ description: 'Base32.' }) secret!: string;
  @Field({ description: 'otpauth:// URI (for a QR code).' }) uri!: string;
}

@InputType('InviteAccountInput')
class InviteAccountInput {
  @Field() email!: string;
  @Field() displayName!: string;
  @Field() organisation!: string;
  @Field(() => Role) role!: Role;
  @Field(() => UnitRef, { nullable: true, description: 'Required for ASSOCIATION; null: the whole nation.' }) scope?: UnitRef | null;
  @Field({ defaultValue: false, description: 'The health permission: individual health records of the scope (ASSOCIATION only).' }) health!: boolean;
}

function people(ctx: HubContext): PeopleService {
  if (!ctx.people) throw new GraphQLError('Accounts are not available here', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  return ctx.people;
}

/** PeopleError → the GraphQL error of the same code (HTTP status for RATE_LIMITED and Retry-After kept). */
async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PeopleError) throw new GraphQLError(err.message, { extensions: { code: err.code, ...err.extensions } });
    throw err;
  }
}

function requireAdmin(ctx: HubContext): void {
  if (ctx.viewer.role !== Role.ADMIN) throw new ForbiddenError('Managing accounts needs an ADMIN account or key');
}

/** Whether an Access rule lets the viewer through: the rules are called, never copied. */
function allowed(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

const accountOut = (a: AccountView): AccountType => a;
const sessionOut = (s: SessionView, current: number | null): SessionType => ({
  id: s.id,
  accountId: s.accountId,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  address: s.address,
  current: s.id === current,
});

@Resolver()
export class PeopleResolver {
  @Query(() => ViewerType, { description: 'Who is calling (a person, a key, or nobody) and what they may do.' })
  async viewer(@Ctx() ctx: HubContext): Promise<ViewerType> {
    const v = ctx.viewer;
    const accountId = v.accountId ?? null;
    const account = accountId !== null && ctx.people ? await ctx.people.account(accountId) : null;
    const a = ctx.access;
    return {
      kind: accountId !== null ? ViewerKind.PERSON : v.keyId !== null ? ViewerKind.API_KEY : ViewerKind.ANONYMOUS,
      role: v.role,
      organisation: v.organisation,
      scope: v.scope,
      keyId: v.keyId,
      account: account ? accountOut(account) : null,
      sessionId: ctx.session?.sessionId ?? null,
      may: {
        readPersonalData: v.mayReadPersonalData,
        readHealthRecords: v.mayReadHealthRecords === true,
        write: allowed(() => a.requireWriter()),
        export: allowed(() => a.requireExport()),
        manageTargets: allowed(() => a.requireMinistry()),
        readAuditLog: v.role === Role.ADMIN || v.role === Role.ASSOCIATION,
        manageAccounts: v.role === Role.ADMIN,
      },
    };
  }

  @Query(() => [AccountType], { description: 'Every account (ADMIN).' })
  async accounts(@Ctx() ctx: HubContext): Promise<AccountType[]> {
    requireAdmin(ctx);
    return (await people(ctx).listAccounts()).map(accountOut);
  }

  @Query(() => [SessionType], { description: 'Open sessions: your own; an ADMIN may name any account, or omit it for all.' })
  async sessions(@Ctx() ctx: HubContext, @Arg('accountId', () => Int, { nullable: true }) accountId?: number | null): Promise<SessionType[]> {
    const own = ctx.viewer.accountId ?? null;
    const target = accountId ?? (ctx.viewer.role === Role.ADMIN ? null : own);
    if (ctx.viewer.role !== Role.ADMIN && (own === null || target !== own)) throw new ForbiddenError('You may list your own sessions only');
    return (await people(ctx).sessionsOf(target)).map((s) => sessionOut(s, ctx.session?.sessionId ?? null));
  }

  @Mutation(() => SetPasswordLink, { description: 'Creates an account and its one-time set-password link (ADMIN). The link is shown only here.' })
  async inviteAccount(@Ctx() ctx: HubContext, @Arg('input', () => InviteAccountInput) input: InviteAccountInput): Promise<SetPasswordLink> {
    requireAdmin(ctx);
    return run(async () => {
      const { account, token, expiresAt } = await people(ctx).invite(
        { ...input, scope: input.scope ? { structure: input.scope.structure, code: input.scope.code } : null },
        ctx.viewer,
        ctx.requestId,
      );
      return { account: accountOut(account), token, path: `/set-password#token=${token}`, expiresAt: expiresAt.toISOString() };
    });
  }

  @Mutation(() => SetPasswordLink, { description: 'A new set-password link for an account, replacing the old one (ADMIN): a lost link or a forgotten password.' })
  async reissueSetPasswordLink(@Ctx() ctx: HubContext, @Arg('accountId', () => Int) accountId: number): Promise<SetPasswordLink> {
    requireAdmin(ctx);
    return run(async () => {
      const { token, expiresAt } = await people(ctx).reissueLink(accountId, ctx.viewer, ctx.requestId);
      const account = (await people(ctx).account(accountId))!;
      return { account: accountOut(account), token, path: `/set-password#token=${token}`, expiresAt: expiresAt.toISOString() };
    });
  }

  @Mutation(() => AccountType, { description: 'Disables (active: false) or enables an account (ADMIN). Disabling ends its sessions at once, on every hub instance.' })
  async setAccountActive(@Ctx() ctx: HubContext, @Arg('accountId', () => Int) accountId: number, @Arg('active') active: boolean): Promise<AccountType> {
    requireAdmin(ctx);
    if (!active && accountId === ctx.viewer.accountId) throw new GraphQLError('You cannot disable your own account', { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'accountId' } });
    return run(async () => accountOut(await people(ctx).setActive(accountId, active, ctx.viewer, ctx.requestId)));
  }

  @Mutation(() => Boolean, { description: 'Ends a session: your own, or any (ADMIN). False when it had already ended.' })
  async endSession(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const service = people(ctx);
    const sessionId = Number(id);
    const owner = Number.isInteger(sessionId) ? await service.sessionOwner(sessionId) : null;
    if (owner === null) return false;
    const mine = owner === (ctx.viewer.accountId ?? null);
    if (!mine && ctx.viewer.role !== Role.ADMIN) return false; // another's session answers as not there
    return service.endSession(sessionId, mine ? 'endedByOwner' : 'endedByAdmin', ctx.viewer, ctx.requestId);
  }

  @Mutation(() => TotpSetup, { description: 'Starts a TOTP second factor for the signed-in ADMIN person.' })
  async startTotpSetup(@Ctx() ctx: HubContext): Promise<TotpSetup> {
    return run(() => people(ctx).startTotp(ctx.viewer));
  }

  @Mutation(() => [String], { description: 'Turns the second factor on with a code from the app; returns 10 one-time recovery codes, shown only here.' })
  async confirmTotpSetup(@Ctx() ctx: HubContext, @Arg('code') code: string): Promise<string[]> {
    return run(() => people(ctx).confirmTotp(ctx.viewer, code, ctx.requestId));
  }
}
