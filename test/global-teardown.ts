import { EmbeddedPg } from '../src/db/embedded-postgres';
import { endWebRun } from './support/web-run';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__ISHC_EMBEDDED_PG__ as EmbeddedPg | undefined;
  endWebRun();
  await embedded?.stop();
}
