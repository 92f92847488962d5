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

describe('trusted proxies', () => {
  const query = '{ provinces(structure: PRE_2025) { code } }'; // cost 64: a budget of 120 allows one

  it('ignores X-Forwarded-For by default: a rotated header does not reset the per-address budget', async () => {
    const hub = await startTestHub({ config: loadConfig({ RATE_LIMIT_COST_PER_MINUTE: '120' }) });
    try {
      expect((await anonymous(hub, query, '203.0.113.1')).status).toBe(200);
      const second = await anonymous(hub, query, '203.0.113.2');
      expect(second.status).toBe(429);
      expect(second.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await hub.stop();
    }
  });

  it('takes the client address from X-Forwarded-For when the proxy is trusted', async () => {
    const hub = await startTestHub({ config: loadConfig({ RATE_LIMIT_COST_PER_MINUTE: '120', TRUSTED_PROXIES: 'loopback' }) });
    try {
      expect((await anonymous(hub, query, '203.0.113.1')).status).toBe(200);
      expect((await anonymous(hub, query, '203.0.113.2')).status).toBe(200);
      expect((await anonymous(hub, query, '203.0.113.1')).status).toBe(429);
    } finally {
      await hub.stop();
    }
  });

  it('reads a list of addresses and networks, and refuses a malformed one', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: ' loopback, 10.0.0.0/8 ,192.168.1.7' }).trustedProxies).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7']);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'loopback,not-an-address' })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('stack traces', () => {
  const typo = '{ provinse { code } }';

  it('are not sent by a default (development) hub', async () => {
    const hub = await startTestHub({ config: loadConfig({ NODE_ENV: 'development' }) });
    try {
      const res = await hub.graphql(typo);
      expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0].extensions).not.toHaveProperty('stacktrace');
    } finally {
      await hub.stop();
    }
  });

  it('are sent only with DEBUG_ERRORS=true', async () => {
    const hub = await startTestHub({ config: loadConfig({ DEBUG_ERRORS: 'true' }) });
    try {
      const res = await hub.graphql(typo);
      expect(res.errors![0].extensions!.stacktrace).toEqual(expect.any(Array));
    } finally {
      await hub.stop();
    }
  });
});
