import nock from 'nock';
import { nmiModule } from '../../../src/adapters/providers/nmi/nmi-module';
import { money } from '../../../src/domain/money';
import type { PaymentProvider, ProviderVoidRequest } from '../../../src/ports/payment-provider';
import { providerRequests } from '../../support/provider-requests';

/*
 * NMI replaced with nock 14, which intercepts Node's global fetch. An interceptor answers only a POST to the exact path
 * with the form content type and the exact body bytes (fields in order); anything else reaches no interceptor, fails
 * like a network error (→ unknown) and is listed in `unmatched`, which afterEach expects to be empty.
 */
export const NMI_API = 'https://secure.nmi.com';
export const SECURITY_KEY = 'Xq7Lm2Pz9Rt4Wv8Kc3Nb6Jd1Hs5Fg0Ay';
export const PAYMENT_ID = '7654321098';
export const ATTEMPT_ID = '3f1c9a52-8d4e-4b7a-9c21-5e6f7a8b9c0d';
export const FORM_KEY = 'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57';
export const NOW = new Date('2026-03-02T15:00:00Z');
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** The adapter as the app builds it: through its module, its outcomes redacted of the key; its clock stands at NOW. */
export const nmiProvider = (): PaymentProvider =>
  nmiModule.create({ securityKey: SECURITY_KEY, apiBase: NMI_API, webhookSigningKey: null }, { clock: { now: () => NOW } });

/** The refund form the adapter must send, byte for byte. */
export const refundBody = (amount: string, orderId = ATTEMPT_ID, transactionId = PAYMENT_ID) =>
  `security_key=${SECURITY_KEY}&type=refund&transactionid=${transactionId}&amount=${amount}&orderid=${orderId}&dup_seconds=0`;
export const voidBody = (transactionId = PAYMENT_ID) => `security_key=${SECURITY_KEY}&type=void&transactionid=${transactionId}`;
export const queryByTransactionBody = (transactionId = PAYMENT_ID) => `security_key=${SECURITY_KEY}&transaction_id=${transactionId}`;
export const queryByOrderBody = (orderId = ATTEMPT_ID) => `security_key=${SECURITY_KEY}&order_id=${orderId}`;

export function transactEndpoint(body: string): nock.Interceptor {
  return nock(NMI_API).matchHeader('content-type', FORM_CONTENT_TYPE).post('/api/transact.php', body);
}

export function queryEndpoint(body: string): nock.Interceptor {
  return nock(NMI_API).matchHeader('content-type', FORM_CONTENT_TYPE).post('/api/query.php', body);
}

export interface DirectPostFields {
  readonly response: '1' | '2' | '3';
  readonly responsetext: string;
  readonly transactionid?: string;
  readonly orderid?: string;
  readonly type: 'refund' | 'void' | '';
  readonly response_code: string;
}

/** A Direct Post answer as NMI writes it: every standard field, in its order, values not URL-encoded. */
export function directPost(fields: DirectPostFields): string {
  return [
    `response=${fields.response}`,
    `responsetext=${fields.responsetext}`,
    'authcode=',
    `transactionid=${fields.transactionid ?? ''}`,
    'avsresponse=',
    'cvvresponse=',
    `orderid=${fields.orderid ?? ''}`,
    `type=${fields.type}`,
    `response_code=${fields.response_code}`,
  ].join('&');
}

export interface QueryAction {
  readonly type: string;
  readonly amount: string;
  readonly success: '0' | '1';
  readonly responseText?: string;
  readonly responseCode?: string;
}

export interface QueryTransaction {
  readonly id: string;
  readonly orderId?: string;
  readonly condition: string;
  readonly actions: readonly QueryAction[];
}

/** A Query API answer shaped like NMI's documented example, with fields this adapter ignores around the ones it reads. */
export function queryXml(transactions: readonly QueryTransaction[]): string {
  const body = transactions
    .map(
      (transaction) => `  <transaction>
    <transaction_id>${transaction.id}</transaction_id>
    <partial_payment_id></partial_payment_id>
    <platform_id></platform_id>
    <transaction_type>cc</transaction_type>
    <condition>${transaction.condition}</condition>
    <order_id>${transaction.orderId ?? ''}</order_id>
    <authorization_code>123456</authorization_code>
    <first_name>John</first_name>
    <last_name>Smith &amp; Sons</last_name>
    <cc_number>4xxxxxxxxxxx1111</cc_number>
    <currency>USD</currency>
${transaction.actions
  .map(
    (action) => `    <action>
      <amount>${action.amount}</amount>
      <action_type>${action.type}</action_type>
      <date>20260302145501</date>
      <success>${action.success}</success>
      <ip_address>203.0.113.7</ip_address>
      <source>api</source>
      <api_method>transact.php</api_method>
      <username></username>
      <response_text>${action.responseText ?? (action.success === '1' ? 'SUCCESS' : 'DECLINE')}</response_text>
      <batch_id>0</batch_id>
      <processor_batch_id></processor_batch_id>
      <response_code>${action.responseCode ?? (action.success === '1' ? '100' : '200')}</response_code>
      <processor_response_text></processor_response_text>
    </action>`,
  )
  .join('\n')}
  </transaction>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n${body}\n</nm_response>\n`;
}

const requests = providerRequests({
  attemptId: ATTEMPT_ID,
  idempotencyKey: FORM_KEY,
  providerTransactionId: PAYMENT_ID,
  amount: money(1099n, 'USD'),
  cardLast4: null,
  isFullAmount: false,
  createdAt: () => new Date(NOW.getTime() - 60_000),
});
export const refundRequest = requests.refund;
export const voidRequest = (changes: Partial<ProviderVoidRequest> = {}): ProviderVoidRequest => requests.void({ amount: money(10000n, 'USD'), ...changes });
export const lookupRequest = requests.lookup;

export interface StrayRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** Requests no interceptor matched (a different path, header or body byte): shown by afterEach. */
export const unmatched: StrayRequest[] = [];

nock.emitter.on('no match', (req: { method?: string; path?: string }, _options: unknown, body: unknown) => {
  unmatched.push({ method: req.method ?? '?', path: req.path ?? '?', body: typeof body === 'string' ? body : String(body) });
});

/** For afterEach, before nock.cleanAll(): expected calls never made and stray requests; drops delayed replies. */
export function takeLeftovers(): { pending: string[]; unmatched: StrayRequest[] } {
  const leftovers = { pending: nock.pendingMocks(), unmatched: [...unmatched] };
  unmatched.length = 0;
  nock.abortPendingRequests();
  return leftovers;
}
