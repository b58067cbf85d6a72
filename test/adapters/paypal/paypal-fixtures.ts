import { errorMessage, issueDescription } from './paypal-spec';

/*
 * PayPal's side of the conversation as data: credentials, ids, and answers built from the Payments v2 spec's schemas
 * (checked field for field in paypal-mapping.test). No nock here, so that the contract driver can use them too.
 */
export const PAYPAL_API = 'https://api-m.sandbox.paypal.com';
export const CLIENT_ID = 'AbTestClientId-refund-card_0001';
export const CLIENT_SECRET = 'EcTestClientSecret-refund-card_0001';
/** "Basic " + base64("AbTestClientId-refund-card_0001:EcTestClientSecret-refund-card_0001"), written out on purpose */
export const BASIC_AUTH = 'Basic QWJUZXN0Q2xpZW50SWQtcmVmdW5kLWNhcmRfMDAwMTpFY1Rlc3RDbGllbnRTZWNyZXQtcmVmdW5kLWNhcmRfMDAwMQ==';
export const ACCESS_TOKEN = 'A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg';
export const NEW_ACCESS_TOKEN = 'A21AAHZ2nB0bB2wGiSdWrZEMnY4WqW2Gx4p0rbO0cq7hO1jIxFqJ6kQ5m9fRy1TtQ_Vd8ZcXsPpLkBvN3aYeUo7rMgH4w';
export const CAPTURE_ID = '2GG279541U471931P';
export const ORDER_ID = '5O190127TN364715T';
export const REFUND_ID = '1JU08902781691411';
export const ATTEMPT_ID = '0193a5c2-6f1e-7c3a-9b2d-4e8f1a2b3c4d';
export const FORM_KEY = 'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57';
export const DEBUG_ID = 'f07d2ab2c0b3e';
/** what PayPal sends with every answer */
export const PAYPAL_HEADERS = { 'Content-Type': 'application/json', 'Paypal-Debug-Id': DEBUG_ID } as const;
/** the token's lifetime in PayPal's own example answer */
export const EXPIRES_IN = 32400;

const TIMES = { create_time: '2024-06-20T09:16:13-07:00', update_time: '2024-06-20T09:16:13-07:00' } as const;

/** https://developer.paypal.com/api/rest/authentication/: the answer to POST /v1/oauth2/token. */
export function tokenFixture(accessToken = ACCESS_TOKEN, expiresIn = EXPIRES_IN): Record<string, unknown> {
  return {
    scope: 'https://uri.paypal.com/services/payments/refund https://uri.paypal.com/services/payments/payment/authcapture',
    access_token: accessToken,
    token_type: 'Bearer',
    app_id: 'APP-80W284485P519543T',
    expires_in: expiresIn,
    nonce: '2024-06-20T16:16:10ZaYZlGvEkV4yVSz8g6bAKFoGSEzuy3CQcz3ljhibkOHg',
  };
}

interface RefundChanges {
  readonly id?: string;
  readonly status?: string;
  readonly value?: string;
  readonly currency?: string;
  readonly reason?: string;
}

/** Payments v2 schema `refund`, as answered with Prefer: return=representation. */
export function refundFixture(changes: RefundChanges = {}): Record<string, unknown> {
  const id = changes.id ?? REFUND_ID;
  const amount = { currency_code: changes.currency ?? 'USD', value: changes.value ?? '10.99' };
  return {
    id,
    amount,
    seller_payable_breakdown: { gross_amount: amount, net_amount: amount, total_refunded_amount: amount },
    status: changes.status ?? 'COMPLETED',
    ...(changes.reason ? { status_details: { reason: changes.reason } } : {}),
    ...TIMES,
    links: [
      { href: `${PAYPAL_API}/v2/payments/refunds/${id}`, rel: 'self', method: 'GET' },
      { href: `${PAYPAL_API}/v2/payments/captures/${CAPTURE_ID}`, rel: 'up', method: 'GET' },
    ],
  };
}

/** Payments v2 schema `capture-2`: the answer to GET /v2/payments/captures/{capture_id}. */
export function captureFixture(value = '100.00', currency = 'USD', status = 'COMPLETED'): Record<string, unknown> {
  return {
    id: CAPTURE_ID,
    status,
    amount: { currency_code: currency, value },
    final_capture: true,
    seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
    seller_receivable_breakdown: { gross_amount: { currency_code: currency, value } },
    invoice_id: 'INV-2024-0117',
    disbursement_mode: 'INSTANT',
    supplementary_data: { related_ids: { order_id: ORDER_ID } },
    payee: { email_address: 'sb-merchant@business.example.com', merchant_id: '7KNGBPH2U58GQ' },
    ...TIMES,
    links: [
      { href: `${PAYPAL_API}/v2/payments/captures/${CAPTURE_ID}`, rel: 'self', method: 'GET' },
      { href: `${PAYPAL_API}/v2/payments/captures/${CAPTURE_ID}/refund`, rel: 'refund', method: 'POST' },
      { href: `${PAYPAL_API}/v2/checkout/orders/${ORDER_ID}`, rel: 'up', method: 'GET' },
    ],
  };
}

/**
 * A spec-shaped error answer: `name` and `message` fixed by the spec's error_NNN schema, the issue's description by
 * the operation's detail schema (captures.refund-422, 403, 404 …).
 */
export function payPalError(errorSchema: string, issue?: { readonly schema: string; readonly issue: string }): Record<string, unknown> {
  const { name, message } = errorMessage(errorSchema);
  const details = issue ? [{ issue: issue.issue, description: issueDescription(issue.schema, issue.issue) }] : undefined;
  return {
    name,
    message,
    ...(details ? { details } : {}),
    debug_id: DEBUG_ID,
    links: [{ href: `https://developer.paypal.com/docs/api/payments/v2/#error-${issue?.issue ?? name}`, rel: 'information_link', method: 'GET' }],
  };
}
