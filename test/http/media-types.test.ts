import { gzipSync } from 'node:zlib';
import { hubSpotSignature } from '../support/hubspot-signature';
import { httpTestBackend, startHttp, testBackend } from '../support/test-backend';

const SECRET = 'test-client-secret-7c2e';
const PUBLIC_URL = 'https://refunds.example.com';
const PATH = '/api/transactions/deals/1001/refunds?userId=2&portalId=99';

const body = (amount: string, key: string) => JSON.stringify({ amount, reason: 'duplicate', idempotencyKey: key });

/** JSON in UTF-8 only, and the signature over the bytes as received (issue 11, item 3). */
describe('media types of signed requests', () => {
  const setup = httpTestBackend({ clientSecret: SECRET, allowUnsigned: false, publicUrl: PUBLIC_URL });

  const send = (raw: string | Buffer, headers: Record<string, string>) =>
    setup.http.request('POST', PATH, { rawBody: raw, headers: { ...hubSpotSignature(SECRET, 'POST', `${PUBLIC_URL}${PATH}`, raw, Date.now()), ...headers } });

  const expectRefusedMedia = async (response: { status: number; body: any }) => {
    expect(response).toEqual({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } } });
    expect(setup.backend.stripe.calls).toEqual([]);
    expect(await setup.backend.attemptsOf({ objectType: 'deals', objectId: '1001' })).toEqual([]);
  };

  it('refuses a UTF-7 body whose signed bytes "1+AC4-00" would read as 1.00', async () => {
    await expectRefusedMedia(await send(body('1+AC4-00', 'utf7-key-0001'), { 'content-type': 'application/json; charset=utf-7' }));
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['Latin-1 JSON', 'application/json; charset=iso-8859-1'],
    ['JSON with another parameter', 'application/json; boundary=x'],
    ['a JSON look-alike', 'application/jsonp'],
  ])('refuses %s with 415', async (_label, contentType) => {
    await expectRefusedMedia(await send(body('1.00', 'media-key-0001'), { 'content-type': contentType }));
  });

  it('refuses a body without a Content-Type', async () => {
    const raw = body('1.00', 'media-key-0002');
    const response = await fetch(`${setup.http.url}${PATH}`, { method: 'POST', body: new Blob([raw]), headers: hubSpotSignature(SECRET, 'POST', `${PUBLIC_URL}${PATH}`, raw, Date.now()) });
    expect(response.status).toBe(415);
  });

  it.each(['gzip', 'identity'])('refuses a body sent with Content-Encoding: %s', async (encoding) => {
    const raw = body('1.00', 'media-key-0003');
    const bytes = encoding === 'gzip' ? gzipSync(raw) : Buffer.from(raw);
    await expectRefusedMedia(await send(bytes, { 'content-type': 'application/json', 'content-encoding': encoding }));
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"amount":"1.00","reason":"duplicate","note":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","idempotencyKey":"media-key-0004"}')]);
    await expectRefusedMedia(await send(bytes, { 'content-type': 'application/json' }));
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset="UTF-8"'])('accepts %s, signed over the bytes as sent', async (contentType) => {
    const raw = JSON.stringify({ amount: '1.00', reason: 'other', note: 'Remboursé: café ☕', idempotencyKey: 'media-key-0005' });
    const response = await send(raw, { 'content-type': contentType });
    expect(response.status).toBe(201);
    expect(response.body.attempt.note).toBe('Remboursé: café ☕');
  });

  it('keeps the 16 kb limit (413)', async () => {
    const response = await send(JSON.stringify({ amount: '1.00', reason: 'other', note: 'n'.repeat(17_000), idempotencyKey: 'media-key-0006' }), { 'content-type': 'application/json' });
    expect(response.status).toBe(413);
  });

  it('needs no Content-Type on a GET without a body', async () => {
    const path = '/api/transactions/deals/1001?userId=2&portalId=99';
    const response = await setup.http.request('GET', path, { headers: hubSpotSignature(SECRET, 'GET', `${PUBLIC_URL}${path}`, '', Date.now()) });
    expect(response.status).toBe(200);
  });
});

describe('media types in sandbox mode', () => {
  it('refuses the cross-site text/plain form POST a browser may send without asking', async () => {
    const backend = await testBackend();
    const http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
    try {
      const response = await http.request('POST', '/api/transactions/deals/1001/refunds?userId=1', {
        rawBody: body('1200.00', 'csrf-key-0001'),
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
      });
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(backend.stripe.calls).toEqual([]);
    } finally {
      await http.close();
      await backend.close();
    }
  });
});
