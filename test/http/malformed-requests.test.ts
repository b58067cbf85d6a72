import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

const VALID: Record<string, string> = { amount: '1.00', reason: 'duplicate', idempotencyKey: 'valid-key-0001' };

/** Every way a body can be wrong that we could think of, each combined with each field. */
function malformedBodies(): { label: string; raw: string }[] {
  const badValues: unknown[] = [null, true, 0, 12.5, -1, '', ' ', [], {}, 'x'.repeat(3000), '<script>', '1e3', '-5', '0', '0.00', '1.234', '12,50', 'NaN', 'Infinity', '0x1F', '١٢'];
  const bodies: { label: string; raw: string }[] = [];
  for (const field of ['amount', 'reason', 'note', 'idempotencyKey'] as const) {
    for (const value of badValues) {
      if (field === 'note' && typeof value === 'string' && value.length <= 2000) continue;
      if (field === 'idempotencyKey' && typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value)) continue;
      bodies.push({ label: `${field}=${JSON.stringify(value)?.slice(0, 20)}`, raw: JSON.stringify({ ...VALID, [field]: value }) });
    }
    const { [field]: _removed, ...without } = VALID;
    if (field !== 'amount' && field !== 'note') bodies.push({ label: `without ${field}`, raw: JSON.stringify(without) });
  }
  const raws = ['', '{', '}', 'null', '[]', '"text"', '42', 'true', '{"amount":"1.00",}', "{'reason':'duplicate'}", '{"__proto__":{"x":1}}', `{"a":${'['.repeat(50)}}`];
  for (const raw of raws) bodies.push({ label: `raw ${raw.slice(0, 20)}`, raw });
  for (const extra of [{ userId: '1' }, { currency: 'EUR' }, { kind: 'void' }, { status: 'succeeded' }]) {
    bodies.push({ label: `extra ${Object.keys(extra)[0]}`, raw: JSON.stringify({ ...VALID, ...extra }) });
  }
  bodies.push({ label: 'other without note', raw: JSON.stringify({ ...VALID, reason: 'other' }) });
  bodies.push({ label: 'other with blank note', raw: JSON.stringify({ ...VALID, reason: 'other', note: '   ' }) });
  bodies.push({ label: 'too large', raw: JSON.stringify({ ...VALID, note: 'n'.repeat(20_000) }) });
  for (let i = 0; i < 150; i += 1) {
    const bytes = Array.from({ length: 1 + (i % 40) }, (_, j) => String.fromCharCode(32 + ((i * 31 + j * 17) % 95))).join('');
    bodies.push({ label: `noise ${i}`, raw: bytes });
  }
  return bodies;
}

describe('malformed requests', () => {
  let backend: TestBackend;
  let http: HttpClient;

  beforeAll(async () => {
    backend = await testBackend();
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  const bodies = malformedBodies();

  it(`answers each of ${bodies.length} malformed bodies with a 4xx error, never a provider call or an attempt`, async () => {
    const failures: string[] = [];
    for (const { label, raw } of bodies) {
      const response = await http.request('POST', '/api/transactions/deals/1002/refunds?userId=1', { rawBody: raw });
      const ok = response.status >= 400 && response.status < 500 && typeof response.body?.error?.code === 'string' && typeof response.body.error.message === 'string';
      if (!ok) failures.push(`${label}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(failures).toEqual([]);
    expect(backend.stripe.calls).toHaveLength(0);
    expect(await backend.attemptsOf({ objectType: 'deals', objectId: '1002' })).toEqual([]);
  });

  it.each([
    ['/api/transactions/deals/abc/refunds?userId=1', 400],
    ['/api/transactions/DEALS/1001/refunds?userId=1', 400],
    ['/api/transactions/deals/1001/refunds?userId=abc', 401],
    ['/api/transactions/deals/1001/refunds', 401],
    ['/api/transactions/deals/1001/refunds?userId=1&userId=2', 401],
  ])('rejects %s with %i', async (path, status) => {
    const response = await http.request('POST', path, { body: VALID });
    expect(response.status).toBe(status);
  });
});
