import { readdirSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { requestRefund } from '../../src/application/request-refund/request-refund';
import { requestVoid } from '../../src/application/request-void/request-void';
import { reconcileRecent } from '../../src/application/reconcile/reconcile-recent';
import { resolveAttempts } from '../../src/application/resolve-attempts';
import { providerRegistry } from '../../src/adapters/providers/provider-registry';
import { toCurrencyCode } from '../../src/domain/currency';
import { hubSpotUserId, idempotencyKey } from '../../src/domain/ids';
import { parseMoney } from '../../src/domain/money';
import type { Money } from '../../src/domain/money';
import { type TestBackend, testBackend } from '../support/test-backend';
import { deadlineRelay } from './deadline-relay';
import { type ContractDriver, type ExpectedCall, type Scenario, SCENARIOS } from './contract-driver';

/**
 * One scenario list (issue #4) run against every provider adapter through the real engine and ledger: each
 * driver in ./drivers answers through nock as its provider does, and asserts the exact bytes it receives.
 */
const drivers: ContractDriver[] = readdirSync(path.join(__dirname, 'drivers'))
  .filter((file) => file.endsWith('.ts'))
  .sort()
  .map((file) => (require(path.join(__dirname, 'drivers', file)) as { driver: ContractDriver }).driver);

/** The engine's own budget: never the one that ends a wait here (the drivers pass the deadline as a request arrives). */
const ENGINE_TIMEOUT_MS = 20_000;
const ADMIN = hubSpotUserId('1');

describe.each(drivers.map((driver) => [driver.name, driver] as const))('%s adapter', (_name, driver) => {
  const deadlines = deadlineRelay();
  let backend: TestBackend;
  let nextId = '';
  let counter = 0;
  let dealId = '';
  const currency = toCurrencyCode(driver.payment.currency);
  if (!currency) throw new Error(`driver ${driver.name}: unknown currency ${driver.payment.currency}`);
  const money = (decimal: string): Money => {
    const parsed = parseMoney(decimal, currency);
    if (!parsed.ok) throw new Error(`bad amount ${decimal}`);
    return parsed.money;
  };
  const paid = money(driver.payment.amount);
  if (driver.payment.amount !== '100.00') throw new Error(`driver ${driver.name}: the scenarios assume a payment of 100.00 in a two-decimal currency`);
  const refundIdOf = (call: ExpectedCall, given: string) => driver.refundIdOf?.(call, given) ?? given;

  beforeAll(async () => {
    backend = await testBackend({
      providers: providerRegistry([deadlines.relay(driver.createProvider())]),
      providerTimeoutMs: ENGINE_TIMEOUT_MS,
      newId: () => nextId,
    });
  });
  beforeEach(async () => {
    await backend.reset();
    counter += 1;
    dealId = `9${counter.toString().padStart(4, '0')}`;
    await backend.addDeal(dealId, {
      payment_provider: driver.name,
      payment_transaction_id: driver.payment.transactionId,
      amount: driver.payment.amount,
      deal_currency_code: driver.payment.currency,
      payment_card_last4: driver.payment.cardLast4 ?? '',
    });
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.abortPendingRequests();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => backend.close());

  let sequence = 0;
  /** The next attempt the engine will create, so that the driver can expect its exact bytes. */
  function nextCall(amount: Money, full: boolean, key?: string): ExpectedCall {
    sequence += 1;
    nextId = `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
    return { amount, full, attemptId: nextId, idempotencyKey: key ?? `contract-${driver.name}-${nextId.slice(-12)}` };
  }

  const refund = (call: ExpectedCall, amount?: string) =>
    requestRefund(backend.deps, {
      transaction: { objectType: 'deals', objectId: dealId },
      userId: ADMIN,
      amount,
      reason: 'requested_by_customer',
      note: undefined,
      idempotencyKey: idempotencyKey(call.idempotencyKey),
    });

  const scenario = (name: Scenario, body: () => Promise<void>) => {
    const skip = driver.skips?.[name];
    if (skip) it.skip(`${name} (skipped: ${skip})`, body);
    else it(name, body);
  };

  it('names every scenario it skips with a reason', () => {
    for (const [name, reason] of Object.entries(driver.skips ?? {})) {
      expect(SCENARIOS).toContain(name);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  scenario('full refund', async () => {
    const call = nextCall(paid, true);
    driver.acceptRefund(call, 'RF1');
    const result = await refund(call);
    expect(result.attempt).toMatchObject({ id: call.attemptId, status: 'succeeded', providerRefundId: refundIdOf(call, 'RF1') });
    expect(result.transaction).toMatchObject({ refundable: '0.00', refundStatus: 'fully_refunded' });
  });

  scenario('partial refund', async () => {
    const call = nextCall(money('25.00'), false);
    driver.acceptRefund(call, 'RP1');
    const result = await refund(call, '25.00');
    expect(result.attempt).toMatchObject({ status: 'succeeded', amount: '25.00', providerRefundId: refundIdOf(call, 'RP1') });
    expect(result.transaction.refundStatus).toBe('partially_refunded');
  });

  scenario('several partials up to the total', async () => {
    for (const [i, part] of ['40.00', '40.00', '20.00'].entries()) {
      const call = nextCall(money(part), false);
      driver.acceptRefund(call, `RS${i}`);
      expect((await refund(call, part)).attempt.status).toBe('succeeded');
    }
    const over = nextCall(money('0.01'), false);
    await expect(refund(over, '0.01')).rejects.toMatchObject({ code: 'AMOUNT_EXCEEDS_REFUNDABLE', details: { refundable: '0.00' } });
    const read = await backend.attemptsOf({ objectType: 'deals', objectId: dealId });
    expect(read.map((attempt) => attempt.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  scenario('over-refund refused', async () => {
    const beyond = nextCall(money('100.01'), false);
    await expect(refund(beyond, '100.01')).rejects.toMatchObject({ code: 'AMOUNT_EXCEEDS_REFUNDABLE' });
    // The provider's own cap is the second line of defence: money refunded elsewhere (its dashboard) is not in our ledger.
    const call = nextCall(money('30.00'), false);
    driver.refuseOverRefund(call);
    const result = await refund(call, '30.00');
    expect(result.attempt).toMatchObject({ status: 'failed', failure: { code: expect.any(String), message: expect.any(String) } });
    expect(result.transaction.refundable).toBe(driver.payment.amount);
  });

  scenario('decline recorded', async () => {
    const call = nextCall(money('10.00'), false);
    driver.declineRefund(call);
    const result = await refund(call, '10.00');
    expect(result.attempt).toMatchObject({ status: 'failed', failure: { message: expect.any(String) } });
    expect((await backend.attemptsOf({ objectType: 'deals', objectId: dealId }))[0]?.status).toBe('failed');
  });

  /** The resolver's run once the attempt is old enough to be looked up. */
  const resolveLater = () => resolveAttempts({ ...backend.deps, clock: { now: () => new Date(Date.now() + 5 * 60_000) } });

  /** A refund of 10.00 that the provider receives but does not answer in time: the attempt is left `unknown`. */
  async function unansweredRefund(): Promise<ExpectedCall> {
    const call = nextCall(money('10.00'), false);
    driver.neverAnswer(call, deadlines.pass);
    const first = await refund(call, '10.00');
    expect(first.attempt.status).toBe('unknown');
    expect(first.transaction.refundStatus).toBe('refund_pending');
    nock.abortPendingRequests();
    return call;
  }

  /** The resolver's run records the attempt succeeded, with the refund id the provider's lookup gave. */
  async function expectResolvedAsRefunded(call: ExpectedCall, refundId: string): Promise<void> {
    expect(await resolveLater()).toEqual({ checked: 1, resolved: 1, stillOpen: 0 });
    const [attempt] = await backend.attemptsOf({ objectType: 'deals', objectId: dealId });
    expect(attempt).toMatchObject({ status: 'succeeded', providerRefundId: refundIdOf(call, refundId) });
  }

  scenario('timeout, then resolved by lookup', async () => {
    const call = await unansweredRefund();
    driver.lookupFinds(call, 'RL1');
    await expectResolvedAsRefunded(call, 'RL1');
  });

  scenario("refund beyond the first page of the provider's list", async () => {
    const call = await unansweredRefund();
    driver.lookupFindsBeyondFirstPage(call, 'RB1');
    await expectResolvedAsRefunded(call, 'RB1');
  });

  scenario('list cut off before its end stays unknown', async () => {
    driver.lookupCutOff(await unansweredRefund(), deadlines.pass);
    expect(await resolveLater()).toEqual({ checked: 1, resolved: 0, stillOpen: 1 });
    const [attempt] = await backend.attemptsOf({ objectType: 'deals', objectId: dealId });
    expect(attempt).toMatchObject({ status: 'unknown' });
  });

  scenario('same idempotency key twice', async () => {
    const call = nextCall(money('10.00'), false, `contract-${driver.name}-double`);
    driver.acceptRefund(call, 'RK1');
    const first = await refund(call, '10.00');
    const second = await refund(call, '10.00');
    expect(first.outcome).toBe('created');
    expect(second).toEqual({ ...first, outcome: 'replayed' });
  });

  /** The payment's reconciliation, as the server's hourly run makes it. */
  const reconcile = () => reconcileRecent(backend.deps, new Date(Date.now() - 86_400_000));

  scenario('a late failure', async () => {
    if (!driver.reportLateFailure) throw new Error(`${driver.name} reports no late failure: name a skip instead`);
    const call = nextCall(money('10.00'), false);
    driver.acceptRefund(call, 'RF9');
    expect((await refund(call, '10.00')).attempt.status).toBe('succeeded');
    driver.reportLateFailure(call, refundIdOf(call, 'RF9'));
    expect(await reconcile()).toMatchObject({ payments: 1, lateFailures: 1, outsideRecorded: 0 });
    const [attempt] = await backend.attemptsOf({ objectType: 'deals', objectId: dealId });
    expect(attempt).toMatchObject({ status: 'failed', failure: { code: 'refund_failed_late' } });
    const payment = await backend.deps.ledger.findPayment({ provider: driver.name, providerTransactionId: driver.payment.transactionId });
    expect(payment?.totals).toMatchObject({ refundedMinor: 0n, inFlightMinor: 0n });
  });

  scenario('a refund made outside', async () => {
    if (!driver.reportOutsideRefund) throw new Error(`${driver.name} reports no refund made outside: name a skip instead`);
    await backend.deps.ledger.seePayment(
      { key: { provider: driver.name, providerTransactionId: driver.payment.transactionId }, record: { objectType: 'deals', objectId: dealId }, currency, recordAmountMinor: paid.minor, cardLast4: driver.payment.cardLast4 },
      new Date(),
    );
    driver.reportOutsideRefund(money('30.00'), 'RO1');
    expect(await reconcile()).toMatchObject({ payments: 1, lateFailures: 0, outsideRecorded: 1 });
    driver.reportOutsideRefund(money('30.00'), 'RO1');
    expect(await reconcile()).toMatchObject({ outsideRecorded: 0 });
    const [attempt] = await backend.attemptsOf({ objectType: 'deals', objectId: dealId });
    expect(attempt).toMatchObject({ origin: 'provider', requestedBy: null, status: 'succeeded', amountMinor: 3000n });
  });

  scenario('void where allowed', async () => {
    const voids = driver.voids;
    if (!voids) throw new Error(`${driver.name} has no voids: name a skip instead`);
    const call = nextCall(paid, true);
    voids.unsettled();
    voids.acceptVoid(call, 'V1');
    const result = await requestVoid(backend.deps, {
      transaction: { objectType: 'deals', objectId: dealId },
      userId: ADMIN,
      reason: 'duplicate',
      note: undefined,
      idempotencyKey: idempotencyKey(call.idempotencyKey),
    });
    expect(result.attempt).toMatchObject({ kind: 'void', status: 'succeeded', amount: driver.payment.amount, providerRefundId: refundIdOf(call, 'V1') });
  });
});
