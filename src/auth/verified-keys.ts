import { timingSafeEqual } from 'node:crypto';
import type { ChannelListener } from '../db/notifications';
import type { Viewer } from './viewer';

/** The channel a trigger on api_key notifies, with the key's prefix, on every update or delete. */
export const API_KEY_CHANNEL = 'api_key_changed';

interface Entry {
  secretHash: Buffer;
  viewer: Viewer;
  /** Milliseconds since the epoch; null: never. */
  expiresAt: number | null;
}

const MAX_ENTRIES = 10_000;

/**
 * Keys verified against the database, kept in memory so that a keyed request needs no read of api_key.
 * Revocation stays immediate: a trigger notifies every hub of each change to a key (on the hub's one
 * listening connection, `Notifications`), and the entry goes. Nothing is kept while that connection is down,
 * and a lookup that was under way when a change arrived is not kept either (the generation moved on), so a
 * revoked key is never served from here.
 */
export class VerifiedKeys implements ChannelListener {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private heard = false;

  /** A tag to pass to remember(): entries read before a change notification are not kept. */
  get tag(): number {
    return this.generation;
  }

  lookup(prefix: string, secretHash: Buffer, now: number): Viewer | null {
    const entry = this.entries.get(prefix);
    if (!entry || entry.secretHash.length !== secretHash.length || !timingSafeEqual(entry.secretHash, secretHash)) return null;
    if (entry.expiresAt !== null && entry.expiresAt <= now) return null;
    return entry.viewer;
  }

  remember(tag: number, prefix: string, entry: Entry): void {
    if (!this.heard || tag !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(prefix, entry);
  }

  /** A key changed (revoked, expired, deleted): its prefix is the payload. */
  notified(prefix: string): void {
    this.generation += 1;
    this.entries.delete(prefix);
  }

  listening(): void {
    this.heard = true;
    // Lookups that started before the channel was heard may have missed a change: they are not kept.
    this.generation += 1;
  }

  lost(): void {
    this.heard = false;
    this.generation += 1;
    this.entries.clear();
  }
}
