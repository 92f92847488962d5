import { EntitySchema } from '@mikro-orm/core';

/**
 * place_month (migration place_month): per structure, month and the place the clubs counted in at its end
 * (the province a national table rolls up to, and whether their unit is placed at a commune, above one, or
 * nowhere), per founding era and months since dissolution, the sums of the clubs' club_month states and what
 * a period of 1, 3 or 12 months ending with that month needs of them. Kept in the write's transaction by
 * triggers on club_month, club, club_place_history and unit_placement; read, never written, by the hub
 * (indicator.repository.ts, placeMonthSql). `select rebuild_place_month()` rebuilds it.
 */

/** Lengths in months of the periods it answers (month, quarter, year), and of the growths it keeps. */
export const PLACE_MONTH_SPANS = [1, 3, 12] as const;

/** State columns of club_month summed at the month's end (money in bigint). */
export const PLACE_MONTH_STOCKS = [
  'members', 'older', 'women', 'older_women', 'poor_near_poor', 'volunteers', 'board', 'capital', 'ig_capital',
  'loans_outstanding', 'outstanding', 'overdue30', 'borrowers12m',
] as const;

/** To-date columns of club_month kept as growths over each span (`${name}_${span}`), by their club_month column. */
export const PLACE_MONTH_GROWTHS = {
  meetings: 'meetings_to_date',
  loans_disbursed: 'loans_disbursed',
  amount_disbursed: 'amount_disbursed',
  loans_due: 'loans_due',
  loans_on_time: 'loans_on_time',
} as const;

/** Clubs counted per club and month by a threshold on their own state. */
export const PLACE_MONTH_THRESHOLDS = ['both_funds', 'clubs50to70', 'fully_active'] as const;

/** Supervision's state columns of club_month, summed like the stocks (added after the others). */
export const PLACE_MONTH_SUPERVISION = ['supervised12m', 'rated', 'weak'] as const;

export const PLACE_MONTH_MONEY: readonly string[] = ['capital', 'ig_capital', 'outstanding', 'overdue30', 'amount_disbursed'];

/** Every value column, in table order. */
export const PLACE_MONTH_VALUES: readonly string[] = [
  'clubs',
  ...PLACE_MONTH_SPANS.map((k) => `club_months_${k}`),
  ...PLACE_MONTH_STOCKS,
  ...Object.keys(PLACE_MONTH_GROWTHS).flatMap((g) => PLACE_MONTH_SPANS.map((k) => `${g}_${k}`)),
  ...PLACE_MONTH_THRESHOLDS,
  ...PLACE_MONTH_SUPERVISION,
];

const isMoney = (column: string) => PLACE_MONTH_MONEY.some((m) => column === m || column.startsWith(`${m}_`));

export const PlaceMonthSchema = new EntitySchema({
  name: 'PlaceMonth',
  tableName: 'place_month',
  indexes: [{ name: 'place_month_empty_idx', expression: 'create index "place_month_empty_idx" on "place_month" ("month") where "clubs" = 0' }],
  properties: {
    structure: { type: 'text', primary: true },
    month: { type: 'date', primary: true },
    province: { type: 'integer', primary: true },
    placed: { type: 'text', primary: true },
    era: { type: 'smallint', primary: true },
    ago: { type: 'smallint', primary: true },
    ...Object.fromEntries(PLACE_MONTH_VALUES.map((c) => [c, { type: isMoney(c) ? 'bigint' : 'integer', fieldName: c }])),
  },
});

/** The last month place_month has rows for (periods ending later are counted from the clubs). */
export const PlaceMonthHorizonSchema = new EntitySchema({
  name: 'PlaceMonthHorizon',
  tableName: 'place_month_horizon',
  properties: { month: { type: 'date', primary: true } },
});

/**
 * Communes with clubs, per structure, month and province (place_month_commune, same migration), by `best`: the
 * fewest months since the dissolution of a club placed in the commune at the month's end (-1: one not
 * dissolved). A period of k whole months ending with the month has an active club in the communes with best < k.
 */
export const PlaceMonthCommuneSchema = new EntitySchema({
  name: 'PlaceMonthCommune',
  tableName: 'place_month_commune',
  properties: {
    structure: { type: 'text', primary: true },
    month: { type: 'date', primary: true },
    province: { type: 'integer', primary: true },
    best: { type: 'smallint', primary: true },
    communes: { type: 'integer' },
  },
});
