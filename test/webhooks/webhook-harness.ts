import { syncCrm } from '../../src/application/crm-write/sync-crm';
import { providerRegistry } from '../../src/adapters/providers/provider-registry';
import { moduleOf } from '../../src/adapters/providers/provider-modules';
import { exponentOf, toCurrencyCode } from '../../src/domain/currency';
import { type AttemptId, attemptId, type TransactionRef } from '../../src/domain/ids';
import type { PaymentProviderName } from '../../src/domain/refund-reason';
import type { PaymentProvider, ProviderOutcome } from '../../src/ports/payment-provider';
import type { WebhookEndpoint, WebhookReceiver } from '../../src/ports/provider-webhooks';
import type { PaymentState } from '../../src/ports/ledger';
import { changedTo, created, reserveWith } from '../support/ledger-fixtures';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

/** The record every webhook test pays with: deal 7001, 100.00 in its currency. */
export const DEAL: TransactionRef = { objectType: 'deals', objectId: '7001' };

export interface WebhookHarness {
  readonly backend: TestBackend;
  readonly http: HttpClient;
  /** POST /webhooks/{path} with exactly these bytes and headers */
  deliver(body: string, headers: Record<string, string>): Promise<{ status: number; body: any }>;
  /** deal 7001 points at this payment (100.00), and the ledger has seen it */
  seePayment(providerTransactionId: string, currency?: string, extra?: Record<string, string>): Promise<PaymentState>;
  /** one of our refunds of the payment, sent and answered */
  appRefund(payment: PaymentState, amountMinor: bigint, outcome: ProviderOutcome, id?: string): Promise<AttemptId>;
  notes(): Promise<string[]>;
  properties(): Promise<Record<string, string>>;
}

/**
 * The real backend (ledger on PostgreSQL, sandbox CRM, outbox) with one provider's webhook endpoint mounted, its
 * receiver the module's own; `provider` is what the provider's reports are read from (a fake, or the real adapter
 * against nock).
 */
export function webhookHarness(name: PaymentProviderName, receiver: () => WebhookReceiver | null, provider: () => PaymentProvider): WebhookHarness {
  const hooks = moduleOf(name).webhooks;
  if (!hooks) throw new Error(`${name} has no webhooks`);
  const context = {} as { backend: TestBackend; http: HttpClient };
  beforeAll(async () => {
    context.backend = await testBackend({ providers: providerRegistry([provider()]) });
    const endpoint: WebhookEndpoint = { provider: name, path: hooks.path, receiver: receiver(), setUpWith: hooks.setUpWith, events: hooks.events };
    context.http = await startHttp(context.backend.deps, { clientSecret: null, allowUnsigned: true }, [endpoint]);
  });
  beforeEach(() => context.backend.reset());
  afterAll(async () => {
    await context.http.close();
    await context.backend.close();
  });
  return {
    get backend() {
      return context.backend;
    },
    get http() {
      return context.http;
    },
    deliver: (body, headers) => context.http.request('POST', `/webhooks/${hooks.path}`, { rawBody: body, headers }),
    async seePayment(providerTransactionId, currency = 'USD', extra = {}) {
      await context.backend.addDeal(DEAL.objectId, { payment_provider: name, payment_transaction_id: providerTransactionId, amount: '100.00', deal_currency_code: currency, ...extra });
      const code = toCurrencyCode(currency);
      if (!code) throw new Error(`not a currency: ${currency}`);
      return context.backend.deps.ledger.seePayment(
        { key: { provider: name, providerTransactionId }, record: DEAL, currency: code, recordAmountMinor: 100n * 10n ** BigInt(exponentOf(code)), cardLast4: extra.payment_card_last4 ?? null },
        context.backend.clock.now(),
      );
    },
    async appRefund(payment, amountMinor, outcome, id) {
      const reserved = created(
        await reserveWith(context.backend.deps.ledger, {
          sighting: { key: payment.key, record: DEAL, currency: payment.currency, recordAmountMinor: payment.totals.paidMinor },
          draft: { amount: amountMinor, ...(id ? { id: attemptId(id) } : {}) },
        }),
      );
      changedTo(await context.backend.deps.ledger.changeAttempt(reserved.attempt.id, { kind: 'outcome', outcome }, new Date(), {}));
      return reserved.attempt.id;
    },
    async notes() {
      await context.backend.deps.background.drain();
      await syncCrm({ ...context.backend.deps, clock: { now: () => new Date(Date.now() + 60_000) } });
      return (await context.backend.crm.notesOf(DEAL)).map((note) => note.bodyHtml);
    },
    async properties() {
      await context.backend.deps.background.drain();
      await syncCrm({ ...context.backend.deps, clock: { now: () => new Date(Date.now() + 60_000) } });
      return (await context.backend.crm.propertiesOf(DEAL)) ?? {};
    },
  };
}
