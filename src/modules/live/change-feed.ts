import type { ChannelListener } from '../../db/notifications';
import { Logger } from '../../logger';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import type { ClubPlace } from '../admin-unit/unit-scope';
import { ChangeKind } from './change.types';
import { unitOfKey, WireMessage } from './change-set';

/** A committed change as subscribers see it, its units resolved once for all of them. */
export interface Change {
  kind: ChangeKind;
  operation: string | null;
  clubId: number | null;
  month: string | null;
  units: AdministrativeUnit[];
  /** Where a club's record lies (its communes), for the same scope rule as reading the club; null otherwise. */
  place: ClubPlace | null;
}

export const GAP: Change = Object.freeze({ kind: ChangeKind.GAP, operation: null, clubId: null, month: null, units: [], place: null });

/** Events held for a subscriber that reads slower than they come; past it, they are dropped for one GAP. */
const QUEUE_LIMIT = 1000;

/** One subscriber's events, as the async iterator a GraphQL subscription returns. */
class ChangeQueue implements AsyncIterableIterator<Change> {
  private readonly buffer: Change[] = [];
  private waiting: ((result: IteratorResult<Change>) => void) | null = null;
  private done = false;

  constructor(
    readonly accept: (change: Change) => boolean,
    private readonly onEnd: (queue: ChangeQueue) => void,
  ) {}

  push(change: Change): void {
    if (this.done || (change !== GAP && !this.accept(change))) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: change, done: false });
      return;
    }
    if (this.buffer.length >= QUEUE_LIMIT) {
      // What was held (and this) is covered by one GAP: the subscriber refetches anyway.
      this.buffer.length = 0;
      this.buffer.push(GAP);
      return;
    }
    this.buffer.push(change);
  }

  next(): Promise<IteratorResult<Change>> {
    const value = this.buffer.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<Change>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.buffer.length = 0;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
    this.onEnd(this);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Change> {
    return this;
  }
}

/**
 * Committed writes, heard on the hub's one listening connection (`Notifications`: NOTIFY goes through
 * PostgreSQL, so every hub on the database hears every write), fanned out to this process's subscribers. When
 * that connection comes back after a loss, every subscriber is told GAP: whatever was committed meanwhile was
 * not heard.
 */
export class ChangeFeed implements ChannelListener {
  private readonly subscribers = new Set<ChangeQueue>();
  private stopped = false;

  constructor(
    private readonly units: UnitDirectory,
    private readonly logger: Logger,
  ) {}

  /** Ends every subscription. */
  stop(): void {
    this.stopped = true;
    for (const queue of [...this.subscribers]) queue.end();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** The changes `accept` lets through (GAP always), until the iterator is returned. */
  subscribe(accept: (change: Change) => boolean): AsyncIterableIterator<Change> {
    const queue = new ChangeQueue(accept, (q) => this.subscribers.delete(q));
    if (this.stopped) queue.end();
    else this.subscribers.add(queue);
    return queue;
  }

  notified(payload: string): void {
    if (payload) this.deliver(payload);
  }

  listening(again: boolean): void {
    if (!again) return;
    this.logger.info({ subscribers: this.subscribers.size }, 'change feed: listening again; subscribers told to refetch');
    for (const queue of this.subscribers) queue.push(GAP);
  }

  lost(): void {
    // Subscribers learn of the gap when listening resumes (they cannot refetch meanwhile anyway).
  }

  private deliver(payload: string): void {
    let message: WireMessage;
    try {
      message = JSON.parse(payload) as WireMessage;
    } catch (err) {
      this.logger.warn({ err }, 'change feed: unreadable notification ignored');
      return;
    }
    if (!this.subscribers.size) return;
    for (const [kind, clubId, month, keys] of message.c) {
      const units = keys.map((key) => unitOfKey(this.units, key)).filter((u): u is AdministrativeUnit => !!u);
      const change: Change = { kind, operation: message.o, clubId, month, units, place: placeOf(units) };
      for (const queue of this.subscribers) queue.push(change);
    }
  }
}

/** A record placed by communes only (a club's) is placed as its club is; one of a unit is not. */
function placeOf(units: AdministrativeUnit[]): ClubPlace | null {
  if (!units.length || units.some((u) => u.level !== UnitLevel.COMMUNE)) return null;
  const place: ClubPlace = {};
  for (const u of units) {
    if (u.structure === 'PRE_2025') place.communePre2025Id = u.dbId;
    else place.communePost2025Id = u.dbId;
  }
  return place;
}
