import { EntityManager } from '@mikro-orm/postgresql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import type { AuditEntry } from '../audit/audit.entity';
import { ChangeKind } from './change.types';

/** The PostgreSQL channel every hub listens on for committed writes. */
export const CHANGES_CHANNEL = 'ishc_changes';

/** The kind of change a record type makes (unlisted types are OTHER). */
const KIND_OF_ENTITY: Record<string, ChangeKind> = {
  Club: ChangeKind.CLUB,
  Member: ChangeKind.MEMBER,
  Meeting: ChangeKind.MEETING,
  Fund: ChangeKind.FUND,
  FundTransaction: ChangeKind.FUND,
  Loan: ChangeKind.FUND,
  TrainingCourse: ChangeKind.TRAINING,
  Trainee: ChangeKind.TRAINING,
  Award: ChangeKind.AWARD,
  SupervisionVisit: ChangeKind.SUPERVISION,
  ClubReport: ChangeKind.CLUB_REPORT,
  Approval: ChangeKind.APPROVAL,
  Target: ChangeKind.TARGET,
};

/** One change on the wire: [kind, club id or null, month "2024-03" or null, lowest unit keys "STRUCTURE:CODE"]. */
export type WireChange = [ChangeKind, number | null, string | null, string[]];

/** One notification: the operation that wrote, and (some of) its changes. */
export interface WireMessage {
  o: string;
  c: WireChange[];
}

/** Beyond this many changes, a write is announced by kind and province only (an import of thousands of rows). */
const MAX_CHANGES = 100;
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; the rest goes in further notifications. */
const MAX_PAYLOAD_BYTES = 7000;

const LEVEL_DEPTH: Record<UnitLevel, number> = { NATION: 0, PROVINCE: 1, DISTRICT: 2, COMMUNE: 3 };

/** The unit a key "STRUCTURE:CODE" names ("VN": the nation). */
export function unitOfKey(units: UnitDirectory, key: string): AdministrativeUnit | undefined {
  const colon = key.indexOf(':');
  const structure = key.slice(0, colon) as AdminStructure;
  if (structure !== AdminStructure.PRE_2025 && structure !== AdminStructure.POST_2025) return undefined;
  const code = key.slice(colon + 1);
  return code === 'VN' ? units.nation(structure) : units.find(structure, code);
}

const keyOf = (unit: AdministrativeUnit) => `${unit.structure}:${unit.level === UnitLevel.NATION ? 'VN' : unit.code}`;

/** Of the units a record belongs to (each with every unit above it), the lowest one in each structure. */
function lowestUnits(units: UnitDirectory, keys: readonly string[]): AdministrativeUnit[] {
  const lowest = new Map<AdminStructure, AdministrativeUnit>();
  for (const key of keys) {
    const unit = unitOfKey(units, key);
    const held = unit && lowest.get(unit.structure);
    if (unit && (!held || LEVEL_DEPTH[unit.level] > LEVEL_DEPTH[held.level])) lowest.set(unit.structure, unit);
  }
  return [...lowest.values()];
}

function provinceOf(units: UnitDirectory, unit: AdministrativeUnit): AdministrativeUnit {
  if (unit.level === UnitLevel.NATION || unit.level === UnitLevel.PROVINCE) return unit;
  return units.ancestorsOf(unit).find((u) => u.level === UnitLevel.PROVINCE) ?? unit;
}

type Snapshot = Record<string, unknown> | null | undefined;

/**
 * The changes of one write, gathered from its audit entries (every write path audits each record it changes,
 * so this sees them all) and announced once, inside the write's transaction: PostgreSQL delivers the
 * notification only when the transaction commits, and never when it rolls back.
 */
export class ChangeSet {
  private readonly changes = new Map<string, WireChange>();

  constructor(
    private readonly units: UnitDirectory,
    private readonly operation: string,
  ) {}

  /** Notes one audit entry (an AuditTrail calls this for each entry it writes). */
  readonly add = (entry: AuditEntry): void => {
    const record: Snapshot = entry.after ?? entry.before;
    const kind = KIND_OF_ENTITY[entry.entityType] ?? ChangeKind.OTHER;
    const clubId = entry.entityType === 'Club' ? entry.entityId : typeof record?.club === 'number' ? record.club : null;
    const month = typeof record?.month === 'string' && (kind === ChangeKind.CLUB_REPORT || kind === ChangeKind.APPROVAL) ? record.month.slice(0, 7) : null;
    const keys = lowestUnits(this.units, entry.units).map(keyOf).sort();
    const change: WireChange = [kind, clubId, month, keys];
    this.changes.set(JSON.stringify(change), change);
  };

  get size(): number {
    return this.changes.size;
  }

  /** The notifications to send: one change per kind, club and month; by kind and province for a large write. */
  messages(): WireMessage[] {
    let changes = [...this.changes.values()];
    if (changes.length > MAX_CHANGES) changes = this.byProvince(changes);
    const messages: WireMessage[] = [];
    let current: WireMessage = { o: this.operation, c: [] };
    let bytes = JSON.stringify(current).length;
    for (const change of changes) {
      const size = Buffer.byteLength(JSON.stringify(change)) + 1;
      if (current.c.length && bytes + size > MAX_PAYLOAD_BYTES) {
        messages.push(current);
        current = { o: this.operation, c: [] };
        bytes = JSON.stringify(current).length;
      }
      current.c.push(change);
      bytes += size;
    }
    if (current.c.length) messages.push(current);
    return messages;
  }

  private byProvince(changes: WireChange[]): WireChange[] {
    const summary = new Map<string, WireChange>();
    for (const [kind, , , keys] of changes) {
      const provinces = keys
        .map((key) => unitOfKey(this.units, key))
        .filter((u): u is AdministrativeUnit => !!u)
        .map((u) => keyOf(provinceOf(this.units, u)))
        .sort();
      const change: WireChange = [kind, null, null, provinces];
      summary.set(JSON.stringify(change), change);
    }
    return [...summary.values()];
  }

  /** Sends the notifications in the write's transaction, in one statement; nothing when nothing changed. */
  async publish(em: EntityManager): Promise<void> {
    if (!this.changes.size) return;
    const payloads = this.messages().map((m) => JSON.stringify(m));
    await em.execute(`select pg_notify(?, payload) from json_array_elements_text(?::json) as payload`, [CHANGES_CHANNEL, JSON.stringify(payloads)]);
  }
}
