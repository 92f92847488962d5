import { Client } from 'pg';
import { Logger } from '../logger';

/** A part of the hub that listens to a channel: told each notification, and when listening stops and starts. */
export interface ChannelListener {
  /** A NOTIFY on the channel, committed by any hub on the database. */
  notified(payload: string): void;
  /** Listening (again): `again` after a loss, when whatever was notified meanwhile went unheard. */
  listening(again: boolean): void;
  /** The connection is gone: notifications go unheard until `listening` is called again. */
  lost(): void;
}

/** The first wait before reconnecting; it doubles up to the longest while the database stays away. */
const MIN_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 10_000;

/**
 * The hub's one LISTEN connection (to the primary: NOTIFY goes through it, so every hub on the database hears
 * every write) for every channel a part of the hub listens to. When the connection drops it reconnects with
 * backoff and tells each listener, which decides what a gap means for it.
 */
export class Notifications {
  private readonly listeners = new Map<string, ChannelListener>();
  private client: Client | null = null;
  private stopped = false;
  private connectedOnce = false;
  private retry: NodeJS.Timeout | null = null;
  private backoffMs = MIN_BACKOFF_MS;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Registers the listener of a channel; before `start`. */
  listen(channel: string, listener: ChannelListener): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    this.listeners.set(channel, listener);
  }

  /** Starts listening; a database that is not there yet is retried in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch((err) => this.lost(err));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  get connected(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'ishc-hub listener' });
    client.on('notification', (message) => this.listeners.get(message.channel)?.notified(message.payload ?? ''));
    client.on('error', (err) => this.lost(err, client));
    client.on('end', () => this.lost(null, client));
    try {
      await client.connect();
      await client.query([...this.listeners.keys()].map((channel) => `listen ${channel};`).join(' '));
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.backoffMs = MIN_BACKOFF_MS;
    if (this.connectedOnce) this.logger.info('listening to the database again');
    for (const listener of this.listeners.values()) listener.listening(this.connectedOnce);
    this.connectedOnce = true;
  }

  private lost(err: unknown, client?: Client): void {
    if (client && client !== this.client) return;
    const wasListening = this.client !== null;
    this.client = null;
    if (wasListening) for (const listener of this.listeners.values()) listener.lost();
    if (this.stopped || this.retry) return;
    this.logger.warn({ err, retryInMs: this.backoffMs, channels: [...this.listeners.keys()] }, 'listening connection lost (API keys are read from the database, subscribers will be told of the gap); reconnecting');
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped && !this.client) this.connect().catch((e) => this.lost(e));
    }, this.backoffMs);
    this.retry.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }
}
