import { serverAudits } from 'graphql-http';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('GraphQL over HTTP', () => {
  it('passes every MUST of the graphql-http audit suite', async () => {
    const audits = serverAudits({ url: `${hub.url}/graphql` });
    const musts = audits.filter((audit) => audit.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const audit of musts) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers application/graphql-response+json when asked for it', async () => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ nation { code } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(await res.json()).toEqual({ data: { nation: { code: 'VN' } } });
  });

  it('refuses a body over the limit with a JSON error', async () => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ nation { code } } # ${'x'.repeat(200_000)}` }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].message).toContain('larger than 100 kB');
  });

  it('does not run batched requests', async () => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ nation { code } }' }, { query: '{ nation { code } }' }]),
    });
    expect(res.status).toBe(400);
  });
});
