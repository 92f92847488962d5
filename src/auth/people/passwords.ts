import fs from 'node:fs';
import path from 'node:path';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * Argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 50 ms on one core here.
 * @node-rs/argon2 runs it on libuv's thread pool, so hashing never blocks the event loop.
 */
export const ARGON2_PARAMETERS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const DATA_FILE = 'common-passwords.txt';

/** data/ is two folders up from dist/src/auth/people's parent, three from src/auth/people. */
function dataFile(): string {
  for (const up of ['../../..', '../../../..']) {
    const candidate = path.resolve(__dirname, up, 'data', DATA_FILE);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`data/${DATA_FILE} is missing`);
}

let common: Set<string> | undefined;

/** The 10,000 most common passwords (SecLists, MIT; see data/common-passwords.LICENSE), lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(dataFile(), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.toLowerCase())
      .filter((line) => line !== ''),
  );
  return common;
}

/** What is wrong with a new password, or null. Length counts characters (code points), not bytes. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'The password is required';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `The password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (commonPasswords().has(password.toLowerCase())) return 'This password is one of the most common ones: choose another';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_PARAMETERS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** A hash to verify against when there is no account (or no password), so that answer takes as long as a wrong password. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not a password: only a timing equaliser');
  return dummy;
}
