import { EmbeddedPg } from '../src/db/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__ISHC_EMBEDDED_PG__ as EmbeddedPg | undefined;
  await embedded?.stop();
}
