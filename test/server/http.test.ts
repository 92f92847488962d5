import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('HTTP surface', () => {
  it('answers /healthz with 200 and a small JSON body when the database answers', async () => {
    const res = await fetch(`${hub.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', units: 14149 });
  });

  it('serves GraphiQL to a browser opening /graphql, with every asset from the hub itself', async () => {
    const res = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // no CDN
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const file = await fetch(`${hub.url}${asset}`);
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('still answers GraphQL GET requests from clients', async () => {
    const res = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ nation { code } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { nation: { code: 'VN' } } });
  });

  it('sends an answer as UTF-8 JSON ending in a newline, its Content-Length the bytes sent', async () => {
    const post = (query: string) =>
      fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
        body: JSON.stringify({ query }),
      });
    // Vietnamese names make the answer a two-byte string before it is encoded.
    const res = await post('{ provinces(structure: PRE_2025) { code fullName } }');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const text = bytes.toString('utf8');
    const answer = JSON.parse(text);
    expect(answer.data.provinces).toHaveLength(63);
    expect(answer.data.provinces[0]).toEqual({ code: '01', fullName: 'Thành phố Hà Nội' });
    expect(text).toBe(`${JSON.stringify(answer)}\n`);

    const refused = await post('{ nonsense }');
    expect(refused.status).toBe(400);
    const refusal = await refused.text();
    expect(refusal).toBe(`${JSON.stringify(JSON.parse(refusal))}\n`);
    expect(JSON.parse(refusal).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives every response a request id, and puts it on every error', async () => {
    const ok = await fetch(`${hub.url}/healthz`);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' },
      body: JSON.stringify({ query: '{ province(code: "01") { nonsense } }' }),
    });
    const body = (await res.json()) as any;
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'trace-42' });
  });

  it('rejects a malformed body with a clear client error', async () => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
  });
});
