import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { PeopleError, PeopleService } from '../auth/people/people.service';
import { Role } from '../auth/viewer';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { AdminStructure } from '../modules/admin-unit/admin-unit.enums';
import { loadReferenceUnits } from '../modules/admin-unit/admin-unit.reference';
import { UnitDirectory } from '../modules/admin-unit/unit-directory';
import { COMMAND_LINE } from '../modules/audit/audit.entry';

const USAGE = `usage:
  npm run -s people -- invite --email EMAIL --name "DISPLAY NAME" --org ORGANISATION --role ROLE [--scope STRUCTURE:CODE] [--health]
  npm run -s people -- list
  npm run -s people -- disable EMAIL | enable EMAIL
  npm run -s people -- reissue EMAIL          (a new set-password link; the old one stops working)
--health: the health permission (ASSOCIATION only): individual health records of the scope, every read audited
roles: ${Object.values(Role).filter((r) => r !== Role.ANONYMOUS).join(', ')}; structures: ${Object.values(AdminStructure).join(', ')}`;


/** Account management on the hub's database (the running hub's embedded server is reused if it is up). */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, health: { type: 'boolean', default: false } },
  });
  const [command, arg] = positionals;
  if (!['invite', 'list', 'disable', 'enable', 'reissue'].includes(command ?? '')) throw new UsageError('unknown command');
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'), { reuseRunning: true });
  try {
    const em = db.orm.em.fork();
    await loadReferenceUnits(em);
    const people = new PeopleService(em, await UnitDirectory.load(em), config.people);
    const viewer = { ...COMMAND_LINE, scope: null, mayReadPersonalData: true, persistedOperationsOnly: false };
    const byEmail = async (email: string | undefined) => {
      if (!email) throw new UsageError(`${command} needs the account's e-mail address`);
      const found = (await people.listAccounts()).find((a) => a.email === email.trim().toLowerCase());
      if (!found) throw new UsageError(`no account has the e-mail address ${email}`);
      return found;
    };
    const link = (token: string, expiresAt: Date) => {
      console.log(`Give this set-password link to the person now: it is shown only once, and works until ${expiresAt.toISOString()}.`);
      console.log(`  web app:  /set-password#token=${token}`);
      console.log(`  or POST /auth/set-password with {"token": "${token}", "password": "…"}`);
    };
    if (command === 'list') {
      for (const a of await people.listAccounts()) {
        const scope = a.scope ? `${a.scope.structure}:${a.scope.code}` : 'nation';
        const state = !a.active ? 'disabled' : a.passwordSet ? 'active' : 'invited';
        console.log([a.id, a.email, a.role, scope, state, a.totpEnabled ? 'totp' : '-', a.organisation, a.displayName, ...(a.healthRecords ? ['health records'] : [])].join('\t'));
      }
    } else if (command === 'disable' || command === 'enable') {
      const a = await byEmail(arg);
      await people.setActive(a.id, command === 'enable', viewer, null);
      console.log(`${command}d ${a.email}${command === 'disable' ? ' (its sessions have ended)' : ''}`);
    } else if (command === 'reissue') {
      const a = await byEmail(arg);
      const { token, expiresAt } = await people.reissueLink(a.id, viewer, null);
      link(token, expiresAt);
    } else {
      const role = values.role as Role | undefined;
      if (!role || !(role in Role) || role === Role.ANONYMOUS) throw new UsageError('--role is required');
      if (!values.email?.trim()) throw new UsageError('--email is required');
      if (!values.name?.trim()) throw new UsageError('--name is required');
      if (!values.org?.trim()) throw new UsageError('--org is required');
      let scope: { structure: AdminStructure; code: string } | null = null;
      if (values.scope) {
        const [structure, code] = values.scope.split(':');
        if (!(structure in AdminStructure) || !code) throw new UsageError('--scope must be STRUCTURE:CODE, e.g. PRE_2025:42');
        scope = { structure: structure as AdminStructure, code };
      }
      const { account, token, expiresAt } = await people.invite(
        { email: values.email, displayName: values.name, organisation: values.org, role, scope, health: values.health },
        COMMAND_LINE,
        null,
      );
      console.log(`invited ${account.email} (${account.role}, ${scope ? `${scope.structure}:${scope.code}` : 'nation'}${account.healthRecords ? ', health records' : ''}), account ${account.id}`);
      link(token, expiresAt);
    }
  } finally {
    await db.close();
  }
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
  else if (err instanceof ConfigError || err instanceof PeopleError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
