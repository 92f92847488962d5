import { loadConfig } from '../../src/config';
import { startTestHub, TestHub } from '../support/hub';

/** Posts an anonymous query, optionally claiming to be forwarded for another address. */
async function anonymous(hub: TestHub, query: string, forwardedFor?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}

describe('the federation SDL follows the introspection setting', () => {
  it('refuses _service { sdl } to anonymous callers when anonymous introspection is off, and serves it to keys', async () => {
    const hub = await startTestHub({ config: loadConfig({ ANONYMOUS_INTROSPECTION: 'false' }) });
    try {
      const refused = await anonymous(hub, '{ _service { sdl } }');
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused.body)).not.toContain('type Query');
      const withKey = await hub.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
      expect(withKey.data!._service.sdl).toContain('type Query');
    } finally {
      await hub.stop();
    }
  });
});
