import type { AttemptKind } from '../../../domain/attempt';
import { assertNever } from '../../../domain/assert-never';
import type {
  PaymentProvider,
  ProviderLookupRequest,
  ProviderOutcome,
  ProviderRefundRequest,
  ProviderVoidRequest,
  Settlement,
} from '../../../ports/payment-provider';
import { mustParseBaseUrl } from '../api-base-url';
import { exchange, type HttpExchange, stopReasonOf } from '../http-exchange';
import { connectionLostOutcome, noAnswerOutcome, notSentOutcome } from '../outcomes';
import {
  describeInvalidNmiId,
  encodeForm,
  type FormFields,
  isNmiTransactionId,
  NMI_DEFAULT_API_BASE,
  QUERY_PATH,
  queryByOrderIdForm,
  queryByTransactionIdForm,
  readDirectPostAnswer,
  refundForm,
  toNmiAmount,
  TRANSACT_PATH,
  voidForm,
} from './nmi-mapping';
import { directPostOutcome, unreadableAnswerOutcome } from './nmi-outcomes';
import { paidAmount } from './nmi-paid-amount';
import { lookupOutcome, readQueryAnswer, settlementOf } from './nmi-query';
import { nmiReports } from './nmi-reports';

export interface NmiProviderConfig {
  readonly securityKey: string;
  /** https://secure.nmi.com (NMI_DEFAULT_API_BASE), a reseller's gateway domain, or a local server in tests */
  readonly apiBase: string;
  /** the clock the lookup compares attempt ages with */
  readonly now: () => Date;
}

export function createNmiProvider(config: NmiProviderConfig): PaymentProvider {
  const nmi: Nmi = { ...config, origin: nmiOriginOf(config.apiBase) };
  return {
    name: 'nmi',
    describeInvalidTransactionId: describeInvalidNmiId,
    describeUnsupportedAmount: (amount) => {
      const converted = toNmiAmount(amount);
      return converted.ok ? null : converted.failure.message;
    },
    refund: (request) => refund(nmi, request),
    lookup: (request) => lookup(nmi, request),
    paidAmount: (id, signal) => paidAmount((form, stop) => post(nmi, QUERY_PATH, form, stop), nmi.securityKey, id, signal),
    reports: nmiReports(nmi.securityKey, (form, signal) => post(nmi, QUERY_PATH, form, signal)),
    voids: {
      settlement: (providerTransactionId, signal) => settlement(nmi, providerTransactionId, signal),
      void: (request) => voidPayment(nmi, request),
    },
  };
}

interface Nmi extends NmiProviderConfig {
  readonly origin: string;
}

/** NMI_API_BASE → the origin the paths are appended to; anything else is a misconfiguration. */
export function nmiOriginOf(apiBase: string): string {
  return mustParseBaseUrl('NMI_API_BASE', apiBase, 'origin', NMI_DEFAULT_API_BASE).origin;
}

async function refund(nmi: Nmi, request: ProviderRefundRequest): Promise<ProviderOutcome> {
  const { providerTransactionId: transactionId } = request;
  if (!isNmiTransactionId(transactionId)) return invalidIdOutcome(transactionId);
  const amount = toNmiAmount(request.amount);
  if (!amount.ok) return { status: 'failed', providerRefundId: null, failure: amount.failure };
  const form = refundForm({ securityKey: nmi.securityKey, transactionId, amount: amount.amount, attemptId: request.attemptId });
  return transact(nmi, 'refund', form, request.signal);
}

async function voidPayment(nmi: Nmi, request: ProviderVoidRequest): Promise<ProviderOutcome> {
  const { providerTransactionId: transactionId } = request;
  if (!isNmiTransactionId(transactionId)) return invalidIdOutcome(transactionId);
  return transact(nmi, 'void', voidForm({ securityKey: nmi.securityKey, transactionId }), request.signal);
}

async function transact(nmi: Nmi, kind: AttemptKind, form: FormFields, signal: AbortSignal): Promise<ProviderOutcome> {
  if (signal.aborted) return notSentOutcome('NMI', stopReasonOf(signal), kind);
  const exchanged = await post(nmi, TRANSACT_PATH, form, signal);
  switch (exchanged.kind) {
    case 'response': {
      const answer = readDirectPostAnswer(exchanged.text);
      const outcome = answer === null ? null : directPostOutcome(answer, kind);
      return outcome ?? unreadableAnswerOutcome(kind, exchanged.status, exchanged.text, 'transact');
    }
    case 'network':
      return connectionLostOutcome('NMI', exchanged.cause, kind);
    case 'stopped':
      return noAnswerOutcome('NMI', exchanged.reason, kind);
    default:
      return assertNever(exchanged);
  }
}

async function settlement(nmi: Nmi, transactionId: string, signal: AbortSignal): Promise<Settlement> {
  if (!isNmiTransactionId(transactionId)) return { state: 'unknown', reason: describeInvalidNmiId(transactionId) ?? 'Not an NMI transaction id.' };
  const exchanged = await post(nmi, QUERY_PATH, queryByTransactionIdForm(nmi.securityKey, transactionId), signal);
  switch (exchanged.kind) {
    case 'response': {
      const answer = readQueryAnswer(exchanged.text);
      return answer === null ? { state: 'unknown', reason: "NMI's answer could not be read." } : settlementOf(answer, transactionId);
    }
    case 'network':
      return { state: 'unknown', reason: 'The connection to NMI failed.', detail: { cause: exchanged.cause } };
    case 'stopped':
      return { state: 'unknown', reason: exchanged.reason === 'deadline' ? 'NMI did not answer in time.' : 'The wait for NMI was stopped.' };
    default:
      return assertNever(exchanged);
  }
}

async function lookup(nmi: Nmi, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  const { kind, attemptId, providerTransactionId } = request;
  if (!isNmiTransactionId(providerTransactionId)) {
    const message = describeInvalidNmiId(providerTransactionId) ?? 'This is not an NMI transaction id.';
    return { status: 'unknown', failure: { code: 'invalid_transaction_id', message } };
  }
  const form = kind === 'refund' ? queryByOrderIdForm(nmi.securityKey, attemptId) : queryByTransactionIdForm(nmi.securityKey, providerTransactionId);
  const exchanged = await post(nmi, QUERY_PATH, form, request.signal);
  switch (exchanged.kind) {
    case 'response': {
      const answer = readQueryAnswer(exchanged.text);
      if (answer === null) return unreadableAnswerOutcome(kind, exchanged.status, exchanged.text, 'query');
      if (answer.kind === 'error') {
        return {
          status: 'unknown',
          failure: { code: 'provider_query_refused', message: `NMI refused to look the ${kind} up; it stays unknown until it can be checked.`, detail: { nmi_error: answer.message } },
        };
      }
      return lookupOutcome(answer, request, nmi.now());
    }
    case 'network':
      return connectionLostOutcome('NMI', exchanged.cause, kind);
    case 'stopped':
      return noAnswerOutcome('NMI', exchanged.reason, kind);
    default:
      return assertNever(exchanged);
  }
}

function invalidIdOutcome(transactionId: string): ProviderOutcome {
  const message = describeInvalidNmiId(transactionId) ?? 'This is not an NMI transaction id.';
  return { status: 'failed', providerRefundId: null, failure: { code: 'invalid_transaction_id', message } };
}

/** One form POST; NMI answers 200 whatever happened, so its HTTP status only goes to the operator. */
function post(nmi: Nmi, path: string, form: FormFields, signal: AbortSignal): Promise<HttpExchange> {
  return exchange({ url: `${nmi.origin}${path}`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encodeForm(form) }, signal);
}
