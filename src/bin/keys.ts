import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import { Role } from '../auth/viewer';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { AdminStructure } from '../modules/admin-unit/admin-unit.enums';
import { loadReferenceUnits } from '../modules/admin-unit/admin-unit.reference';
import { UnitDirectory } from '../modules/admin-unit/unit-directory';

const USAGE = `usage:
  npm run keys -- create --role ROLE [--scope STRUCTURE:CODE] --name ORG [--expires YYYY-MM-DD] [--persisted-only] [--health]
  npm run keys -- list
  npm run keys -- revoke PREFIX
--health: the health permission (ASSOCIATION only): individual health records of the scope, every read audited
roles: ${Object.values(Role).filter((r) => r !== Role.ANONYMOUS).join(', ')}; structures: ${Object.values(AdminStructure).join(', ')}`;

/** API key management on the hub's database (the running hub's embedded server is reused if it is up). */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      'persisted-only': { type: 'boolean', default: false },
      health: { type: 'boolean', default: false },
    },
  });
  const [command, arg] = positionals;
  if (!['create', 'list', 'revoke'].includes(command ?? '')) throw new UsageError('unknown command');
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'), { reuseRunning: true });
  try {
    const em = db.orm.em.fork();
    if (command === 'list') {
      for (const k of await listApiKeys(em)) {
        const state = k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= new Date() ? 'expired' : 'active';
        const scope = k.scopeStructure ? `${k.scopeStructure}:${k.scopeCode}` : 'nation';
        console.log([k.prefix, k.role, scope, state, k.expiresAt?.toISOString().slice(0, 10) ?? '-', k.organisation, ...(k.healthRecords ? ['health records'] : [])].join('\t'));
      }
    } else if (command === 'revoke') {
      if (!arg) throw new UsageError('revoke needs the key prefix (see keys -- list)');
      console.log((await revokeApiKey(em, arg)) ? `revoked ${arg}` : `no active key with prefix ${arg}`);
    } else {
      const role = values.role as Role | undefined;
      if (!role || !(role in Role) || role === Role.ANONYMOUS) throw new UsageError('--role is required');
      if (!values.name?.trim()) throw new UsageError('--name is required');
      let scope: { structure: AdminStructure; code: string } | null = null;
      if (values.scope) {
        const [structure, code] = values.scope.split(':');
        if (!(structure in AdminStructure) || !code) throw new UsageError('--scope must be STRUCTURE:CODE, e.g. PRE_2025:42');
        scope = { structure: structure as AdminStructure, code };
      }
      const expiresAt = values.expires ? new Date(`${values.expires}T23:59:59+07:00`) : null;
      if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new UsageError('--expires must be YYYY-MM-DD');
      await loadReferenceUnits(em);
      const units = await UnitDirectory.load(em);
      const { key, apiKey } = await createApiKey(em, units, {
        organisation: values.name,
        role,
        scope,
        expiresAt,
        persistedOperationsOnly: values['persisted-only'],
        health: values.health,
      });
      console.log(`created key ${apiKey.prefix} for ${apiKey.organisation} (${apiKey.role}, ${scope ? `${scope.structure}:${scope.code}` : 'nation'}${apiKey.healthRecords ? ', health records' : ''})`);
      console.log('Store it now: it is shown only once.');
      console.log(key);
    }
  } finally {
    await db.close();
  }
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
  else if (err instanceof ConfigError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
