/**
 * Counts of people released to a viewer who may not read those people's personal data are rounded down to a
 * multiple of this (README, "Small cells"): 1–4 people read as 0, like nobody, however the count is reached —
 * an indicator cell, a unit's or a club's member count.
 */
export const ROUNDING_BASE = 5;

/** A count of people as a protected viewer sees it: the same for the same count, whichever way it was asked. */
export const roundPeople = (count: number): number => Math.floor(count / ROUNDING_BASE) * ROUNDING_BASE;
