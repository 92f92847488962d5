import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

/** What Admission needs of a budget: spend points for a caller, or reject with a RateLimiterRes. */
export interface Budget {
  consume(caller: string, points: number): Promise<unknown>;
}

/** How long charges wait in a process before they are sent to the shared store together. */
export const BUDGET_FLUSH_MS = 20;

interface CallerView {
  /** Points the store had counted for the caller's window when it last answered (every process's charges). */
  counted: number;
  /** When the store's window for the caller ends. */
  resetsAt: number;
  /** Points granted here and not yet sent to the store. */
  pending: number;
}

/**
 * A budget counted in a shared store (PostgreSQL or Redis) without a round trip per request. While a caller has
 * spent less than half its budget in the window, as far as this process knows, its charges are granted at once
 * and sent to the store together every BUDGET_FLUSH_MS; the store's answer tells this process what every other
 * one has spent. The last half of the budget is charged in the store request by request, so that is where the
 * limit is exact. A caller can exceed its budget only by spending more than half of it within one flush interval,
 * and then by what the processes granted in that interval.
 */
export class BatchedBudget implements Budget {
  private readonly callers = new Map<string, CallerView>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RateLimiterAbstract,
    private readonly points: number,
  ) {}

  async consume(caller: string, points: number): Promise<unknown> {
    const now = Date.now();
    let view = this.callers.get(caller);
    if (view && view.resetsAt <= now && view.pending === 0) {
      this.callers.delete(caller);
      view = undefined;
    }
    if (view && view.resetsAt > now && view.counted + view.pending + points < this.points / 2) {
      view.pending += points;
      this.timer ??= setTimeout(() => void this.flush(), BUDGET_FLUSH_MS).unref();
      return undefined;
    }
    // Unknown caller, new window, or the last half: ask the store, with whatever this process still owes it.
    const owed = view?.pending ?? 0;
    if (view) view.pending = 0;
    try {
      this.learn(caller, await this.store.consume(caller, owed + points), now);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) this.learn(caller, rejection, now, true);
      else if (view) view.pending += owed; // the store is unreachable: keep what is owed for the next attempt
      throw rejection;
    }
  }

  /** Sends every pending charge to the store (also when the hub stops). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    for (const [caller, view] of this.callers) if (view.pending === 0 && view.resetsAt <= now) this.callers.delete(caller);
    const sent = [...this.callers].filter(([, view]) => view.pending > 0).map(([caller, view]) => {
      const points = view.pending;
      view.pending = 0;
      // A penalty adds the points without judging them: they were granted already.
      return this.store.penalty(caller, points).then(
        (res) => this.learn(caller, res, now),
        () => undefined, // the store's insurance (memory) counted them, or they are lost with the store
      );
    });
    this.flushing = Promise.all([this.flushing, ...sent]).then(() => undefined);
    return this.flushing;
  }

  private learn(caller: string, res: RateLimiterRes, now: number, refused = false): void {
    const view = this.callers.get(caller);
    // A refusal from the store's in-memory block carries no count: the caller is over its budget all the same.
    const counted = refused ? Math.max(res.consumedPoints, this.points) : res.consumedPoints;
    const resetsAt = now + res.msBeforeNext;
    if (view) {
      view.counted = counted;
      view.resetsAt = resetsAt;
    } else {
      this.callers.set(caller, { counted, resetsAt, pending: 0 });
    }
  }
}
