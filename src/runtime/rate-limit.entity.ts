import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Budgets spent per caller and window, shared by every process of every instance (RateLimiterPostgres's own
 * layout: it reads and writes these rows; the hub never does through the ORM). Unlogged: a budget need not
 * outlive a crash of PostgreSQL, and skipping the write-ahead log keeps each charge cheap.
 */
@Entity({ tableName: 'rate_limit' })
export class RateLimitRow {
  @PrimaryKey({ length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points!: number;

  /** Milliseconds since the epoch when the window ends. */
  @Property({ type: 'bigint', nullable: true })
  expire?: string | null;
}
