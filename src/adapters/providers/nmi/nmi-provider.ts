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
import {
  describeInvalidNmiId,
  encodeForm,
  type FormFields,
  isNmiTransactionId,
  QUERY_PATH,
  queryByOrderIdForm,
  queryByTransactionIdForm,
  readDirectPostAnswer,
  redactKey,
  refundForm,
  toNmiAmount,
  TRANSACT_PATH,
  voidForm,
} from './nmi-mapping';
import { connectionLostOutcome, directPostOutcome, errorDetail, noAnswerOutcome, notSentOutcome, unreadableAnswerOutcome } from './nmi-outcomes';
import { paidAmount } from './nmi-paid-amount';
import { lookupOutcome, readQueryAnswer, settlementOf } from './nmi-query';

export interface NmiProviderConfig {
  readonly securityKey: string;
  /** https://secure.nmi.com (NMI_DEFAULT_API_BASE), a reseller's gateway domain, or a local server in tests */
  readonly apiBase: string;
  readonly timeoutMs: number;
  /** the clock the lookup compares attempt ages with; the system clock by default */
  readonly now?: () => Date;
}

export function createNmiProvider(config: NmiProviderConfig): PaymentProvider {
  const nmi: Nmi = { ...config, origin: nmiOriginOf(config.apiBase), now: config.now ?? (() => new Date()) };
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
    voids: {
      settlement: (providerTransactionId, signal) => settlement(nmi, providerTransactionId, signal),
      void: (request) => voidPayment(nmi, request),
    },
  };
}

interface Nmi extends NmiProviderConfig {
  readonly origin: string;
  readonly now: () => Date;
}

/** NMI_API_BASE → the origin the paths are appended to; anything else is a misconfiguration. */
export function nmiOriginOf(apiBase: string): string {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new Error(`NMI_API_BASE is not a URL: "${apiBase}"`);
  }
  const bare = (url.pathname === '/' || url.pathname === '') && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) {
    throw new Error(`NMI_API_BASE must be a bare http(s) origin such as https://secure.nmi.com, not "${url.protocol}//${url.host}${url.pathname}"`);
  }
  return url.origin;
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
  if (signal.aborted) return notSentOutcome(kind);
  const exchanged = await post(nmi, TRANSACT_PATH, form, signal);
  switch (exchanged.kind) {
    case 'answer': {
      const answer = readDirectPostAnswer(exchanged.body);
      const outcome = answer === null ? null : directPostOutcome(answer, kind);
      return outcome ?? unreadableAnswerOutcome(kind, exchanged.httpStatus, exchanged.body, 'transact');
    }
    case 'error':
      return connectionLostOutcome(kind, exchanged.error, nmi.securityKey);
    case 'deadline':
    case 'aborted':
      return noAnswerOutcome(kind, exchanged.kind, nmi.timeoutMs);
    default:
      return assertNever(exchanged);
  }
}

async function settlement(nmi: Nmi, transactionId: string, signal: AbortSignal): Promise<Settlement> {
  if (!isNmiTransactionId(transactionId)) return { state: 'unknown', reason: describeInvalidNmiId(transactionId) ?? 'Not an NMI transaction id.' };
  if (signal.aborted) return { state: 'unknown', reason: 'The time allowed ran out before NMI was asked.' };
  const exchanged = await post(nmi, QUERY_PATH, queryByTransactionIdForm(nmi.securityKey, transactionId), signal);
  switch (exchanged.kind) {
    case 'answer': {
      const answer = readQueryAnswer(exchanged.body);
      return answer === null ? { state: 'unknown', reason: "NMI's answer could not be read." } : settlementOf(answer, transactionId);
    }
    case 'error':
      return { state: 'unknown', reason: 'The connection to NMI failed.', detail: errorDetail(exchanged.error, nmi.securityKey) };
    case 'deadline':
      return { state: 'unknown', reason: `NMI did not answer within ${nmi.timeoutMs} ms.` };
    case 'aborted':
      return { state: 'unknown', reason: 'The wait for NMI was stopped.' };
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
  if (request.signal.aborted) return noAnswerOutcome(kind, 'aborted', nmi.timeoutMs);
  const form = kind === 'refund' ? queryByOrderIdForm(nmi.securityKey, attemptId) : queryByTransactionIdForm(nmi.securityKey, providerTransactionId);
  const exchanged = await post(nmi, QUERY_PATH, form, request.signal);
  switch (exchanged.kind) {
    case 'answer': {
      const answer = readQueryAnswer(exchanged.body);
      if (answer === null) return unreadableAnswerOutcome(kind, exchanged.httpStatus, exchanged.body, 'query');
      if (answer.kind === 'error') {
        return {
          status: 'unknown',
          failure: { code: 'provider_query_refused', message: `NMI refused to look the ${kind} up; it stays unknown until it can be checked.`, detail: { nmi_error: answer.message } },
        };
      }
      return lookupOutcome(answer, request, nmi.now());
    }
    case 'error':
      return connectionLostOutcome(kind, exchanged.error, nmi.securityKey);
    case 'deadline':
    case 'aborted':
      return noAnswerOutcome(kind, exchanged.kind, nmi.timeoutMs);
    default:
      return assertNever(exchanged);
  }
}

function invalidIdOutcome(transactionId: string): ProviderOutcome {
  const message = describeInvalidNmiId(transactionId) ?? 'This is not an NMI transaction id.';
  return { status: 'failed', providerRefundId: null, failure: { code: 'invalid_transaction_id', message } };
}

type Exchanged =
  /** `body` without our security key; the HTTP status only goes to the operator: NMI answers 200 whatever happened */
  | { readonly kind: 'answer'; readonly httpStatus: number; readonly body: string }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'deadline' }
  | { readonly kind: 'aborted' };

/**
 * One form POST, abandoned when our deadline or the caller's signal comes first: the socket is aborted and a late
 * answer is never read, so the attempt stays `unknown` and is looked up.
 */
async function post(nmi: Nmi, path: string, form: FormFields, signal: AbortSignal): Promise<Exchanged> {
  const controller = new AbortController();
  let stopped: ((why: 'deadline' | 'aborted') => void) | undefined;
  const stop = new Promise<Exchanged>((resolve) => {
    stopped = (why) => {
      resolve({ kind: why });
      controller.abort();
    };
  });
  const timer = setTimeout(() => stopped?.('deadline'), nmi.timeoutMs);
  const onAbort = () => stopped?.('aborted');
  signal.addEventListener('abort', onAbort, { once: true });
  const exchange = (async (): Promise<Exchanged> => {
    const response = await fetch(`${nmi.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeForm(form),
      redirect: 'manual',
      signal: controller.signal,
    });
    const body = await response.text();
    return { kind: 'answer', httpStatus: response.status, body: redactKey(body, nmi.securityKey) };
  })().catch((error: unknown): Exchanged => ({ kind: 'error', error }));
  try {
    return await Promise.race([exchange, stop]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
