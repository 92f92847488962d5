/** The national demo-data generator: deterministic clubs, members, meetings, funds, training and awards. */
export { DEFAULT_SEED, seedDemo } from './seed-demo';
export type { SeedOptions, SeedResult } from './seed-demo';
export { SCALES } from './scale';
export type { ScaleName } from './scale';
