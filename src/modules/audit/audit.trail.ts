import { AnyEntity, ReferenceKind, wrap } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../../auth/viewer';
import { AuditEntry } from './audit.entity';

type Snapshot = Record<string, unknown>;

/** The stored columns of a record as JSON: relations by id, money as a string of digits. */
export function snapshot(em: EntityManager, entity: AnyEntity): Snapshot {
  const meta = em.getMetadata().get(entity.constructor.name);
  const out: Snapshot = {};
  for (const prop of meta.props) {
    if (prop.persist === false) continue;
    const value = (entity as Record<string, unknown>)[prop.name];
    if (prop.kind === ReferenceKind.SCALAR) out[prop.name] = plain(value);
    else if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
      out[prop.name] = value ? wrap(value as AnyEntity, true).getPrimaryKey() : null;
    }
  }
  return out;
}

function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

interface Tracked {
  entity: AnyEntity;
  before: Snapshot | null;
  units: () => string[];
  unitsBefore: string[];
  /** Removed in this write: the entry keeps `before` and no `after`. */
  removed?: boolean;
  reason?: string | null;
}

/**
 * The audit entries of one write, appended in the write's own transaction. `track` a record before changing
 * it (or right after creating it); `flush` writes the records, then one entry per record that really changed
 * (before ≠ after), so a write that changes nothing leaves no trace.
 */
export class AuditTrail {
  private readonly tracked = new Map<AnyEntity, Tracked>();
  written = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly operation: string,
    private readonly requestId: string | null,
    /** Told of each entry written (the write announces its changes from them; see ChangeSet). */
    private readonly onEntry?: (entry: AuditEntry) => void,
  ) {}

  /** Remembers the record as it is now; `units` names the units it belongs to (asked before and after). */
  track(entity: AnyEntity, units: () => string[]): void {
    if (this.tracked.has(entity)) return;
    const isNew = !wrap(entity, true).__managed || wrap(entity, true).getPrimaryKey() == null;
    this.tracked.set(entity, { entity, before: isNew ? null : snapshot(this.em, entity), units, unitsBefore: isNew ? [] : units() });
  }

  /**
   * Removes a record in this write: its entry keeps the record as it was (`before`, no `after`) and the reason
   * given, so a deletion leaves as much trace as a change.
   */
  remove(entity: AnyEntity, units: string[], reason: string | null = null): void {
    this.tracked.set(entity, { entity, before: snapshot(this.em, entity), units: () => units, unitsBefore: units, removed: true, reason });
    this.em.remove(entity);
  }

  /** Flushes the records, then their entries. */
  async flush(): Promise<void> {
    await this.em.flush();
    for (const t of this.tracked.values()) {
      const after = t.removed ? null : snapshot(this.em, t.entity);
      if (t.before && JSON.stringify(t.before) === JSON.stringify(after)) continue;
      const entry = Object.assign(new AuditEntry(), {
        role: this.viewer.role,
        organisation: this.viewer.organisation,
        keyId: this.viewer.keyId,
        accountId: this.viewer.accountId ?? null,
        requestId: this.requestId,
        operation: this.operation,
        entityType: t.entity.constructor.name,
        entityId: Number(t.removed ? t.before!.id : wrap(t.entity, true).getPrimaryKey()),
        units: [...new Set([...t.unitsBefore, ...t.units()])].sort(),
        before: t.before,
        after,
        reason: t.reason ?? null,
      });
      this.em.persist(entry);
      this.onEntry?.(entry);
      this.written += 1;
    }
    this.tracked.clear();
    await this.em.flush();
  }
}
