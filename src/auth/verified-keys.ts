import { timingSafeEqual } from 'node:crypto';
import { Client } from 'pg';
import { Logger } from '../logger';
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
const RECONNECT_MS = 1_000;

/**
 * Keys verified against the database, kept in memory so that a keyed request needs no read of api_key.
 * Revocation stays immediate: a trigger notifies every hub of each change to a key, and the entry goes.
 * Nothing is kept while the listening connection is down, and a lookup that was under way when a change
 * arrived is not kept either (the generation moved on), so a revoked key is never served from here.
 */
export class VerifiedKeys {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private listener: Client | null = null;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Starts listening (and keeps reconnecting); until connected, every request reads the database. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch((err) => this.lost(err));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.forgetAll();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

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
    if (!this.listener || tag !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(prefix, entry);
  }

  private forget(prefix: string): void {
    this.generation += 1;
    this.entries.delete(prefix);
  }

  private forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'ishc-hub key listener' });
    client.on('notification', (message) => {
      if (message.channel === API_KEY_CHANNEL) this.forget(message.payload ?? '');
    });
    client.on('error', (err) => this.lost(err, client));
    client.on('end', () => this.lost(null, client));
    await client.connect();
    await client.query(`listen ${API_KEY_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.listener = client;
    // Lookups that started before the channel was heard may have missed a change: they are not kept.
    this.generation += 1;
  }

  private lost(err: unknown, client?: Client): void {
    if (client && client !== this.listener) return;
    this.listener = null;
    this.forgetAll();
    if (this.stopped) return;
    if (err) this.logger.warn({ err }, 'API key listener: connection lost; keys are read from the database until it is back');
    setTimeout(() => {
      if (!this.stopped && !this.listener) this.connect().catch((e) => this.lost(e));
    }, RECONNECT_MS).unref();
  }
}
