import { Migration } from '@mikro-orm/migrations';

/** Cost budgets shared by every hub process (RateLimiterPostgres); unlogged: they need not survive a crash. */
export class Migration20261207141040_rate_limit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unlogged table "rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "rate_limit_pkey" primary key ("key"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_limit" cascade;`);
  }
}
