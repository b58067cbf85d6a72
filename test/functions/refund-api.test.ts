import { silentLogger } from '../../src/adapters/logging/json-logger';
import { createManualProvider } from '../../src/adapters/providers/manual/manual-provider';
import { providerRegistry } from '../../src/adapters/providers/provider-registry';
import { hubSpotUserId } from '../../src/domain/ids';
import { identityFromHubSpot } from '../../src/functions/function-identity';
import type { FunctionAnswer } from '../../src/functions/function-protocol';
import { createRefundApi } from '../../src/functions/refund-api-handler';
import type { ProviderVoidRequest } from '../../src/ports/payment-provider';
import { fakeProvider, never } from '../support/fake-provider';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

const ADMIN = '1';
const REP = '2';
const NO_ACCESS = '3';
let keyCounter = 0;
const key = () => `fn-key-${(keyCounter += 1).toString().padStart(4, '0')}`;

/** The `refund_api` function on the PostgreSQL/sandbox test backend, as HubSpot would call it for `user`. */
function functionFor(backend: TestBackend, user: string | null) {
  const main = createRefundApi({ deps: async () => backend.deps, identify: () => (user ? hubSpotUserId(user) : null), logger: silentLogger });
  return (parameters: unknown): Promise<FunctionAnswer> => main({ parameters, propertiesToSend: {}, secrets: {} });
}

describe('refund_api app function', () => {
  let backend: TestBackend;
  let http: HttpClient;

  beforeAll(async () => {
    backend = await testBackend();
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  beforeEach(() => backend.reset());
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  it('answers "get" with the status and body of GET /api/transactions/…', async () => {
    const viaFunction = await functionFor(backend, REP)({ operation: 'get', objectType: 'deals', objectId: '1001' });
    const viaHttp = await http.request('GET', `/api/transactions/deals/1001?userId=${REP}`);
    expect(viaFunction).toEqual({ status: 200, body: viaHttp.body });
    expect(viaFunction.body).toMatchObject({ transaction: { refundable: '1200.00' }, viewer: { canRefund: true, approvalAbove: '500.00' } });
  });

  it('takes the record id as the card has it (a number)', async () => {
    const answer = await functionFor(backend, REP)({ operation: 'get', objectType: 'deals', objectId: 1001 });
    expect(answer).toMatchObject({ status: 200, body: { transaction: { objectId: '1001' } } });
  });

  it('refunds (201), replays the same form (200), and has written the CRM back before answering', async () => {
    const call = functionFor(backend, REP);
    const body = { amount: '120.5', reason: 'requested_by_customer', note: 'Seat removed', idempotencyKey: key() };
    const first = await call({ operation: 'refund', objectType: 'deals', objectId: '1001', body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      attempt: { kind: 'refund', amount: '120.50', currency: 'USD', status: 'succeeded', requestedBy: { userId: REP, name: 'Rita Rep' } },
      transaction: { refunded: '120.50', refundable: '1079.50', refundStatus: 'partially_refunded' },
    });
    // No drain here: the function drained the write-back itself.
    expect(await backend.crm.propertiesOf({ objectType: 'deals', objectId: '1001' })).toMatchObject({ refund_status: 'partially_refunded', refunded_amount: '120.50' });
    expect(await backend.crm.notesOf({ objectType: 'deals', objectId: '1001' })).toHaveLength(1);

    const again = await call({ operation: 'refund', objectType: 'deals', objectId: '1001', body });
    expect(again).toEqual({ status: 200, body: first.body });
    expect(backend.stripe.calls).toHaveLength(1);
  });

  it('answers 202 when the provider does not answer in time', async () => {
    backend.stripe.answer = never;
    const answer = await functionFor(backend, REP)({ operation: 'refund', objectType: 'deals', objectId: '1001', body: { amount: '10', reason: 'duplicate', idempotencyKey: key() } });
    expect(answer).toMatchObject({ status: 202, body: { attempt: { status: 'unknown' } } });
  });

  it('answers business refusals exactly as the HTTP API does', async () => {
    const body = { amount: '10', reason: 'duplicate', idempotencyKey: key() };
    const viaFunction = await functionFor(backend, NO_ACCESS)({ operation: 'refund', objectType: 'deals', objectId: '1001', body });
    const viaHttp = await http.request('POST', `/api/transactions/deals/1001/refunds?userId=${NO_ACCESS}`, { body });
    expect(viaFunction).toEqual({ status: 403, body: viaHttp.body });
    expect(viaFunction.body).toMatchObject({ error: { code: 'NOT_PERMITTED' } });

    const over = { amount: '600', reason: 'duplicate', idempotencyKey: key() };
    const tooMuch = await functionFor(backend, REP)({ operation: 'refund', objectType: 'deals', objectId: '1001', body: over });
    const tooMuchViaHttp = await http.request('POST', `/api/transactions/deals/1001/refunds?userId=${REP}`, { body: over });
    expect(tooMuch).toMatchObject({ status: 202, body: { attempt: { status: 'awaiting_approval' } } });
    // the same form again over HTTP is a replay of the same request
    expect(tooMuchViaHttp).toEqual({ status: 200, body: tooMuch.body });

    const missing = await functionFor(backend, REP)({ operation: 'get', objectType: 'deals', objectId: '999999' });
    const missingViaHttp = await http.request('GET', `/api/transactions/deals/999999?userId=${REP}`);
    expect(missing).toEqual({ status: missingViaHttp.status, body: missingViaHttp.body });
    expect(missing.status).toBe(404);
    expect(backend.stripe.calls).toHaveLength(0);
  });

  it('refuses with 401 INVALID_SIGNATURE when HubSpot gives no identity, and does nothing', async () => {
    const answer = await functionFor(backend, null)({ operation: 'refund', objectType: 'deals', objectId: '1001', body: { reason: 'duplicate', idempotencyKey: key() } });
    expect(answer).toEqual({ status: 401, body: { error: { code: 'INVALID_SIGNATURE', message: expect.stringMatching(/did not say which user is acting/) } } });
    expect(backend.stripe.calls).toHaveLength(0);
  });

  it('never takes the user from the parameters', async () => {
    const asRep = await functionFor(backend, REP)({ operation: 'refund', objectType: 'deals', objectId: '1001', userId: ADMIN, body: { amount: '5', reason: 'duplicate', idempotencyKey: key() } });
    expect(asRep).toMatchObject({ status: 201, body: { attempt: { requestedBy: { userId: REP } } } });

    const main = createRefundApi({ deps: async () => backend.deps, identify: identityFromHubSpot, logger: silentLogger });
    for (const context of [
      { parameters: { operation: 'get', objectType: 'deals', objectId: '1001', userId: ADMIN } },
      { parameters: { operation: 'get', objectType: 'deals', objectId: '1001' }, propertiesToSend: { userId: ADMIN }, event: { type: 'SERVERLESS_ACTION_HOOK', payload: { userId: ADMIN } } },
    ]) {
      expect(await main(context)).toMatchObject({ status: 401, body: { error: { code: 'INVALID_SIGNATURE' } } });
    }
  });

  it('answers malformed parameters with 400 INVALID_REQUEST', async () => {
    const call = functionFor(backend, REP);
    const cases: [unknown, RegExp][] = [
      [undefined, /^parameters: /],
      ['get', /^parameters: /],
      [{ objectType: 'deals', objectId: '1001' }, /^parameters\.operation: /],
      [{ operation: 'delete', objectType: 'deals', objectId: '1001' }, /^parameters\.operation: /],
      [{ operation: 'get', objectType: 'deals', objectId: '12ab' }, /^parameters\.objectId: is not a HubSpot record id/],
      [{ operation: 'get', objectType: 'Deals!', objectId: '1001' }, /^parameters\.objectType: is not a HubSpot object type/],
      [{ operation: 'refund', objectType: 'deals', objectId: '1001' }, /^body: /],
    ];
    for (const [parameters, message] of cases) {
      const answer = await call(parameters);
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', message: expect.stringMatching(message) } } });
    }
    expect(await createRefundApi({ deps: async () => backend.deps, identify: () => hubSpotUserId(REP), logger: silentLogger })(null)).toMatchObject({ status: 400 });
    expect(backend.stripe.calls).toHaveLength(0);
  });

  it('validates the body with the HTTP API schemas, with the same answer', async () => {
    const body = { reason: 'other', idempotencyKey: key() };
    const viaFunction = await functionFor(backend, REP)({ operation: 'refund', objectType: 'deals', objectId: '1001', body });
    const viaHttp = await http.request('POST', `/api/transactions/deals/1001/refunds?userId=${REP}`, { body });
    expect(viaFunction).toEqual({ status: 400, body: viaHttp.body });
    expect(viaFunction.body).toMatchObject({ error: { message: 'note: is required when the reason is "other"' } });
  });
});

describe('refund_api app function: voids', () => {
  const nmi = fakeProvider('nmi');
  const voidCalls: ProviderVoidRequest[] = [];
  const withVoids = {
    ...nmi,
    voids: {
      settlement: async () => ({ state: 'unsettled' as const }),
      void: async (request: ProviderVoidRequest) => {
        voidCalls.push(request);
        return { status: 'succeeded' as const, providerRefundId: `void-${voidCalls.length}` };
      },
    },
  };
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await testBackend({ providers: providerRegistry([withVoids, createManualProvider()]) });
  });
  beforeEach(async () => {
    await backend.reset();
    await backend.addDeal('7001', { payment_provider: 'nmi', payment_transaction_id: '7654321098', amount: '80.00', deal_currency_code: 'USD' });
    voidCalls.length = 0;
  });
  afterAll(() => backend.close());

  it('voids an unsettled payment in full (201), then replays (200)', async () => {
    const call = functionFor(backend, ADMIN);
    expect(await call({ operation: 'get', objectType: 'deals', objectId: '7001' })).toMatchObject({ status: 200, body: { viewer: { canVoid: true } } });
    const body = { reason: 'duplicate', idempotencyKey: key() };
    const voided = await call({ operation: 'void', objectType: 'deals', objectId: '7001', body });
    expect(voided).toMatchObject({
      status: 201,
      body: { attempt: { kind: 'void', amount: '80.00', status: 'succeeded', providerRefundId: 'void-1' }, transaction: { refundable: '0.00', refundStatus: 'voided' } },
    });
    expect(await call({ operation: 'void', objectType: 'deals', objectId: '7001', body })).toMatchObject({ status: 200 });
    expect(voidCalls).toHaveLength(1);
    expect((await backend.crm.notesOf({ objectType: 'deals', objectId: '7001' }))[0]?.bodyHtml).toContain('Void succeeded');
  });

  it('checks a void body with the HTTP API schema (no amount in a void)', async () => {
    const answer = await functionFor(backend, ADMIN)({ operation: 'void', objectType: 'deals', objectId: '7001', body: { amount: '1', reason: 'duplicate', idempotencyKey: key() } });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
    expect(voidCalls).toHaveLength(0);
  });
});
