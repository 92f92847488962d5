import { jsonBytes } from '../../src/graphql/json-bytes';

/** What Apollo Server's own stringify sends: JSON.stringify and a newline, as UTF-8. */
const expected = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);

const sent = (value: unknown) => {
  const { chunks, length } = jsonBytes(value, '\n');
  const bytes = Buffer.concat(chunks);
  expect(bytes.length).toBe(length);
  return bytes;
};

const row = (i: number) => ({
  indicatorId: 'active_clubs',
  unit: { structure: 'PRE_2025', code: String(i).padStart(2, '0'), fullName: i % 2 ? 'Thành phố Hà Nội' : 'Tỉnh Thừa Thiên Huế' },
  value: i / 3,
  target: null,
  categoryOptions: [],
  suppressed: i % 5 === 0,
});

describe('jsonBytes: the bytes of JSON.stringify, written in chunks', () => {
  it('writes a large answer (a table of rows with Vietnamese names) in several chunks, byte for byte', () => {
    const answer = { data: { indicators: { structure: 'PRE_2025', rows: Array.from({ length: 3000 }, (_, i) => row(i)), suppressedCells: 0 } } };
    const { chunks } = jsonBytes(answer, '\n');
    expect(chunks.length).toBeGreaterThan(4);
    expect(sent(answer).equals(expected(answer))).toBe(true);
  });

  it('leaves out what JSON.stringify leaves out, and writes lists as it does', () => {
    const answer = Object.assign(Object.create(null), {
      errors: undefined,
      data: {
        skipped: undefined,
        fn: () => 1,
        symbol: Symbol('s'),
        items: Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? undefined : i % 4 === 1 ? (() => i) : i % 4 === 2 ? new Date(Date.UTC(2025, 6, i)) : `😀 ${i} \u2028 "q" \\ \ud800`)),
        nested: [[...Array(33).keys()], { deep: Array.from({ length: 50 }, (_, i) => ({ i, name: 'Xã Đông Hà' })) }],
        when: new Date(Date.UTC(2025, 6, 1)),
        custom: { toJSON: () => ({ replaced: true }) },
        nothing: null,
        numbers: [0, -0, 1.5, NaN, Infinity],
      },
      extensions: { requestId: 'r-1' },
    });
    expect(sent(answer).toString('utf8')).toBe(expected(answer).toString('utf8'));
  });

  it('writes an item larger than a chunk, and a small answer as one chunk', () => {
    const long = { rows: Array.from({ length: 32 }, (_, i) => ({ note: 'Hội Người cao tuổi '.repeat(i === 7 ? 20_000 : 1) })) };
    expect(sent(long).equals(expected(long))).toBe(true);
    const small = { data: { __typename: 'Query' } };
    expect(jsonBytes(small, '\n').chunks).toHaveLength(1);
    expect(sent(small).equals(expected(small))).toBe(true);
  });
});
