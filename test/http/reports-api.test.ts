import { parse } from 'csv-parse/sync';
import { hubSpotUserId } from '../../src/domain/ids';
import type { PaymentProviderName, RefundReason } from '../../src/domain/refund-reason';
import { changedTo, created, HOLD, reserveWith } from '../support/ledger-fixtures';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

const ADMIN = '1';
const REP = '2';
const MANAGER = '4';

/** Attempts by two reps and the provider's dashboard, in two currencies, through every outcome, on several payments. */
async function seed(backend: TestBackend): Promise<void> {
  const rita = { userId: hubSpotUserId('2'), name: 'Rita Rep', email: 'rita.rep@example.com' };
  const sam = { userId: hubSpotUserId('5'), name: '=HYPERLINK("http://evil")', email: 'sam@example.com' };
  let n = 0;
  const make = async (options: { by: typeof rita; currency?: 'USD' | 'EUR'; amount: bigint; reason: RefundReason; outcome: 'succeeded' | 'failed' | 'pending' | 'held'; provider?: PaymentProviderName; note?: string; kind?: 'refund' | 'void' }) => {
    n += 1;
    const result = created(
      await reserveWith(backend.deps.ledger, {
        sighting: { key: { provider: options.provider ?? 'stripe', providerTransactionId: `pi_report_${n}` }, record: { objectType: 'deals', objectId: String(9000 + n) }, currency: options.currency ?? 'USD', recordAmountMinor: 1_000_000n },
        draft: { amount: options.amount, reason: options.reason, requestedBy: options.by, note: options.note ?? null, kind: options.kind ?? 'refund' },
        ...(options.outcome === 'held' ? { judge: HOLD() } : {}),
      }),
    );
    if (options.outcome === 'succeeded' || options.outcome === 'failed') {
      const outcome = options.outcome === 'succeeded'
        ? { status: 'succeeded' as const, providerRefundId: `re_${n}` }
        : { status: 'failed' as const, providerRefundId: null, failure: { code: 'card_declined' as const, message: 'Declined, "politely", by the bank' } };
      changedTo(await backend.deps.ledger.changeAttempt(result.attempt.id, { kind: 'outcome', outcome }, new Date()));
    }
  };
  await make({ by: rita, amount: 10000n, reason: 'duplicate', outcome: 'succeeded', note: 'Line one,\nline "two"' });
  await make({ by: rita, amount: 2500n, reason: 'requested_by_customer', outcome: 'succeeded' });
  await make({ by: rita, amount: 700n, reason: 'duplicate', outcome: 'failed' });
  await make({ by: rita, currency: 'EUR', amount: 4000n, reason: 'fraudulent', outcome: 'succeeded', provider: 'paypal' });
  await make({ by: sam, amount: 30000n, reason: 'requested_by_customer', outcome: 'held', note: '@SUM(A1:A9)' });
  await make({ by: sam, amount: 1200n, reason: 'other', outcome: 'pending', note: '-2+3' });
  await make({ by: sam, amount: 99900n, reason: 'duplicate', outcome: 'succeeded', kind: 'void', provider: 'authorize_net' });
}

describe('reports over HTTP (design §7)', () => {
  let backend: TestBackend;
  let http: HttpClient;

  beforeAll(async () => {
    backend = await testBackend({}, { policy: { refunders: { teamIds: ['7'] }, approvers: { superAdmins: true, teamIds: ['9'] } } });
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
    await seed(backend);
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  it('is for approvers and super admins only', async () => {
    expect((await http.request('GET', `/api/refunds?userId=${REP}`)).body.error.code).toBe('NOT_PERMITTED');
    expect((await http.request('GET', `/api/refunds/summary?groupBy=reason&userId=${REP}`)).status).toBe(403);
    expect((await http.request('GET', `/api/refunds?userId=${MANAGER}`)).status).toBe(200);
    expect((await http.request('GET', `/api/refunds?userId=${ADMIN}`)).status).toBe(200);
  });

  it('lists attempts across payments, newest first, with a link to each record, one page at a time', async () => {
    const first = await http.request('GET', `/api/refunds?userId=${MANAGER}&limit=4`);
    expect(first.body.results).toHaveLength(4);
    expect(first.body.results[0]).toMatchObject({ objectType: 'deals', objectId: '9007', kind: 'void', provider: 'authorize_net', providerTransactionId: 'pi_report_7' });
    const second = await http.request('GET', `/api/refunds?userId=${MANAGER}&limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.results.map((item: { objectId: string }) => item.objectId)).toEqual(['9003', '9002', '9001']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters by status, reason, provider, rep, currency and period', async () => {
    const ids = async (query: string) => (await http.request('GET', `/api/refunds?userId=${MANAGER}&${query}`)).body.results.map((item: { objectId: string }) => item.objectId);
    expect(await ids('status=succeeded&kind=refund')).toEqual(['9004', '9002', '9001']);
    expect(await ids('reason=duplicate,fraudulent&currency=USD')).toEqual(['9007', '9003', '9001']);
    expect(await ids('provider=paypal')).toEqual(['9004']);
    expect(await ids('requestedBy=5')).toEqual(['9007', '9006', '9005']);
    expect(await ids('status=awaiting_approval&status=pending')).toEqual(['9006', '9005']);
    expect(await ids(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    const bad = await http.request('GET', `/api/refunds?userId=${MANAGER}&status=lost&currency=XYZ&from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['currency', 'from', 'status.0']);
  });

  it('sums by reason, rep, provider, currency and status, one row per currency, succeeded refunds only in "refunded"', async () => {
    const byRep = await http.request('GET', `/api/refunds/summary?groupBy=requestedBy&userId=${MANAGER}`);
    expect(byRep.body).toMatchObject({ groupBy: 'requestedBy', from: expect.any(String), to: expect.any(String) });
    expect(byRep.body.results).toEqual(
      expect.arrayContaining([
        { key: '2', label: 'Rita Rep', currency: 'USD', refunded: '125.00', refundedCount: 2, pending: '0.00', failedCount: 1 },
        { key: '2', label: 'Rita Rep', currency: 'EUR', refunded: '40.00', refundedCount: 1, pending: '0.00', failedCount: 0 },
        { key: '5', label: '=HYPERLINK("http://evil")', currency: 'USD', refunded: '0.00', refundedCount: 0, pending: '312.00', failedCount: 0 },
      ]),
    );
    const byReason = await http.request('GET', `/api/refunds/summary?groupBy=reason&currency=USD&userId=${ADMIN}`);
    expect(byReason.body.results.find((row: { key: string }) => row.key === 'duplicate')).toMatchObject({ label: 'Duplicate', refunded: '100.00', refundedCount: 1, failedCount: 1 });
    const byProvider = await http.request('GET', `/api/refunds/summary?groupBy=provider&userId=${ADMIN}`);
    expect(byProvider.body.results.map((row: { label: string }) => row.label).sort()).toEqual(['Authorize.net', 'PayPal', 'Stripe']);
    expect((await http.request('GET', `/api/refunds/summary?groupBy=colour&userId=${ADMIN}`)).status).toBe(400);
  });

  it('gives CSV on request, quoting commas, quotes and newlines, and neutralising formulas but not numbers', async () => {
    const response = await fetch(`${http.url}/api/refunds?userId=${MANAGER}&limit=50`, { headers: { accept: 'text/csv' } });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toContain('amount');
    const first = rows.find((row) => row.objectId === '9001')!;
    expect(first).toMatchObject({ amount: '100.00', currency: 'USD', note: 'Line one,\nline "two"', requestedBy: 'Rita Rep' });
    expect(rows.find((row) => row.objectId === '9005')).toMatchObject({ note: "'@SUM(A1:A9)", requestedBy: `'=HYPERLINK("http://evil")` });
    expect(rows.find((row) => row.objectId === '9006')?.note).toBe("'-2+3");
    expect(rows.find((row) => row.objectId === '9003')?.failure).toBe('Declined, "politely", by the bank');
    const raw = await (await fetch(`${http.url}/api/refunds/summary?groupBy=currency&format=csv&userId=${MANAGER}`)).text();
    expect(raw.split('\r\n').slice(0, 3)).toEqual(['key,label,currency,refunded,refundedCount,pending,failedCount', 'USD,USD,USD,125.00,2,312.00,1', 'EUR,EUR,EUR,40.00,1,0.00,0']);
  });

  it('hands pages a short-lived signed link to the CSV, good for that user and those filters only', async () => {
    const link = await http.request('GET', `/api/refunds/export-link?userId=${MANAGER}&status=succeeded&kind=refund`);
    expect(link.body).toMatchObject({ url: expect.stringMatching(/\/exports\/refunds\.csv\?token=/), expiresAt: expect.any(String) });
    const download = await fetch(link.body.url.replace(/^https?:\/\/[^/]+/, http.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="refunds.csv"');
    const rows = parse(await download.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.objectId)).toEqual(['9004', '9002', '9001']);
    const tampered = link.body.url.replace(/token=([^.]+)\./, (_: string, payload: string) => `token=${payload.slice(0, -2)}AA.`);
    expect((await fetch(tampered.replace(/^https?:\/\/[^/]+/, http.url))).status).toBe(401);
    expect((await http.request('GET', `/api/refunds/export-link?userId=${REP}`)).status).toBe(403);
    backend.clock.set(new Date(Date.now() + 6 * 60_000));
    try {
      expect((await fetch(link.body.url.replace(/^https?:\/\/[^/]+/, http.url))).status).toBe(401);
    } finally {
      backend.clock.set(new Date());
    }
  });
});
