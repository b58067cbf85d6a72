import type {
  PaymentProvider,
  ProviderOutcome,
  ProviderRefundRequest,
  ProviderVoidRequest,
  Settlement,
} from '../../../ports/payment-provider';
import { describeInvalidTransactionId, describeUnsupportedAmount, isCardLast4, isTransactionId } from './authorize-net-checks';
import { stopReasonOf } from '../http-exchange';
import { notSentOutcome } from '../outcomes';
import { failed, noAnswerOutcome } from './authorize-net-errors';
import { ask, createSend } from './authorize-net-http';
import { lookup } from './authorize-net-lookup';
import { authorizeNetReports } from './authorize-net-reports';
import { refundVerdict, voidOutcome } from './authorize-net-mapping';
import { createPaidAmount } from './authorize-net-paid-amount';
import { type Api, transactionDetails } from './authorize-net-reporting';
import { refundTransactionBody, voidTransactionBody } from './authorize-net-requests';
import { readCreateTransaction } from './authorize-net-responses';
import { notRefundableOutcome, settlementOf } from './authorize-net-statuses';

export interface AuthorizeNetProviderConfig {
  readonly apiLoginId: string;
  readonly transactionKey: string;
  /** the JSON endpoint: https://api.authorize.net/xml/v1/request.api, the sandbox's, or a local server in tests */
  readonly apiBase: string;
}

export function createAuthorizeNetProvider(config: AuthorizeNetProviderConfig): PaymentProvider {
  const api: Api = {
    send: createSend(config.apiBase),
    credentials: { apiLoginId: config.apiLoginId, transactionKey: config.transactionKey },
  };
  return {
    name: 'authorize_net',
    describeInvalidTransactionId,
    describeUnsupportedAmount,
    refund: (request) => refund(api, request),
    lookup: (request) => lookup(api, request),
    paidAmount: createPaidAmount(api),
    reports: authorizeNetReports(api),
    voids: {
      settlement: (providerTransactionId, signal) => settlement(api, providerTransactionId, signal),
      void: (request) => voidPayment(api, request),
    },
  };
}

async function refund(api: Api, request: ProviderRefundRequest): Promise<ProviderOutcome> {
  const refused = refusedBeforeSending(request);
  if (refused) return refused;
  const cardLast4 = request.cardLast4 ?? '';
  if (request.signal.aborted) return notSentOutcome('Authorize.net', stopReasonOf(request.signal));
  const body = refundTransactionBody(api.credentials, { ...request, cardLast4 });
  const asked = await ask(api.send, body, readCreateTransaction, request.signal);
  if (asked.kind !== 'read') return noAnswerOutcome(asked, 'refund');
  const verdict = refundVerdict(asked.value);
  switch (verdict.kind) {
    case 'outcome':
      return verdict.outcome;
    case 'not_refundable': {
      // Nothing was refunded either way; the payment's details, if they come in time, say what to do instead.
      const looked = await transactionDetails(api, request.providerTransactionId, request.signal);
      return notRefundableOutcome(looked.kind === 'found' ? looked.value : null, new Date(), verdict.detail);
    }
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}

function refusedBeforeSending(request: ProviderRefundRequest): ProviderOutcome | null {
  const invalidId = describeInvalidTransactionId(request.providerTransactionId);
  if (invalidId) return failed('invalid_transaction_id', invalidId, {});
  const unsupported = describeUnsupportedAmount(request.amount);
  if (unsupported) return failed('amount_not_accepted_by_provider', unsupported, { currency: request.amount.currency });
  if (request.cardLast4 === null || request.cardLast4.trim() === '') {
    return failed(
      'card_last4_missing',
      "Authorize.net needs the last four digits of the card to refund it, and the record has none, so nothing was sent. Copy them from the transaction in the Authorize.net Merchant Interface to the record's card last-4 property (payment_card_last4 by default) and try again.",
      {},
    );
  }
  if (!isCardLast4(request.cardLast4)) {
    return failed(
      'card_last4_invalid',
      `Authorize.net needs exactly the last four digits of the card, and the record holds "${request.cardLast4.slice(0, 8)}", so nothing was sent. Correct the record's card last-4 property and try again.`,
      {},
    );
  }
  return null;
}

async function voidPayment(api: Api, request: ProviderVoidRequest): Promise<ProviderOutcome> {
  const invalidId = describeInvalidTransactionId(request.providerTransactionId);
  if (invalidId) return failed('invalid_transaction_id', invalidId, {});
  if (request.signal.aborted) return notSentOutcome('Authorize.net', stopReasonOf(request.signal), 'void');
  const body = voidTransactionBody(api.credentials, request);
  const asked = await ask(api.send, body, readCreateTransaction, request.signal);
  if (asked.kind !== 'read') return noAnswerOutcome(asked, 'void');
  return voidOutcome(asked.value);
}

async function settlement(api: Api, providerTransactionId: string, signal: AbortSignal): Promise<Settlement> {
  if (!isTransactionId(providerTransactionId)) {
    return { state: 'unknown', reason: describeInvalidTransactionId(providerTransactionId) ?? 'This is not an Authorize.net transaction id.' };
  }
  const looked = await transactionDetails(api, providerTransactionId, signal);
  return looked.kind === 'found' ? settlementOf(looked.value) : { state: 'unknown', reason: looked.reason, detail: looked.detail };
}
