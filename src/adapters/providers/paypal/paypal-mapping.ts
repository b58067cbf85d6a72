import * as z from 'zod';
import type { AttemptFailure } from '../../../domain/attempt';
import { exponentOf } from '../../../domain/currency';
import { assertNever } from '../../../domain/assert-never';
import { formatMinor, type Money, parseMoney } from '../../../domain/money';
import type { ProviderOutcome } from '../../../ports/payment-provider';

// https://developer.paypal.com/docs/api/reference/currency-codes/ footnote 1: "This currency does not support decimals.
// If you pass a decimal amount, an error occurs." HUF and TWD are two-decimal in ISO 4217 but whole units at PayPal.
const PAYPAL_WHOLE_UNITS: ReadonlySet<string> = new Set(['HUF', 'JPY', 'TWD']);

export type PayPalValue = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly failure: AttemptFailure };

/** Our minor units → PayPal's `money.value` string, or a refusal when PayPal cannot take that amount. */
export function toPayPalValue(money: Money): PayPalValue {
  const { minor, currency } = money;
  if (minor <= 0n) {
    return { ok: false, failure: { code: 'invalid_amount', message: 'The refund amount must be greater than zero.' } };
  }
  if (!PAYPAL_WHOLE_UNITS.has(currency)) return { ok: true, value: formatMinor(minor, currency) };
  const unit = 10n ** BigInt(exponentOf(currency));
  if (minor % unit === 0n) return { ok: true, value: (minor / unit).toString() };
  const lower = minor - (minor % unit);
  const show = (value: bigint) => `${formatMinor(value, currency)} ${currency}`;
  const options = lower > 0n ? `${show(lower)} or ${show(lower + unit)}` : show(unit);
  return {
    ok: false,
    failure: {
      code: 'amount_not_accepted_by_provider',
      message: `PayPal only takes whole ${currency} amounts, without decimals, so nothing was sent. Refund ${options} instead.`,
      detail: { currency, amount_minor: minor.toString(), required_multiple_minor: unit.toString() },
    },
  };
}

/** PayPal's `money` object → our Money, or null when its value does not fit the currency. */
export function fromPayPalMoney(money: PayPalMoney): Money | null {
  const parsed = parseMoney(money.value, money.currency_code, { allowZero: true });
  return parsed.ok ? parsed.money : null;
}

/** A request without its Authorization header, which the plumbing adds with the current token. */
export interface PayPalRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface CaptureRefund {
  readonly captureId: string;
  /** our attempt's id, sent as custom_id, so that PayPal's webhook about the refund names the attempt */
  readonly attemptId: string;
  readonly idempotencyKey: string;
  readonly amount: Money;
  /** everything that was paid, nothing refunded before: PayPal then refunds "captured amount - previous refunds" */
  readonly full: boolean;
}

export type BuiltRequest = { readonly ok: true; readonly request: PayPalRequest } | { readonly ok: false; readonly failure: AttemptFailure };

/**
 * POST /v2/payments/captures/{capture_id}/refund: no `amount` for a full refund, the amount for a partial one; our attempt
 * id as `custom_id` ("Used to reconcile API caller-initiated transactions with PayPal transactions", refund_request).
 */
export function captureRefundRequest(refund: CaptureRefund): BuiltRequest {
  const value = toPayPalValue(refund.amount);
  if (!value.ok) return value;
  const body = refund.full
    ? { custom_id: refund.attemptId }
    : { amount: { value: value.value, currency_code: refund.amount.currency }, custom_id: refund.attemptId };
  return {
    ok: true,
    request: {
      method: 'POST',
      path: `/v2/payments/captures/${encodeURIComponent(refund.captureId)}/refund`,
      headers: {
        'Content-Type': 'application/json',
        // Payments v2 spec, parameter PayPal-Request-Id: "The server stores keys for 45 days."
        'PayPal-Request-Id': refund.idempotencyKey,
        // Payments v2 spec, parameter Prefer: the default return=minimal answers only id, status and links.
        Prefer: 'return=representation',
      },
      body: JSON.stringify(body),
    },
  };
}

export function getCaptureRequest(captureId: string): PayPalRequest {
  return { method: 'GET', path: `/v2/payments/captures/${encodeURIComponent(captureId)}`, headers: {} };
}

export function getRefundRequest(refundId: string): PayPalRequest {
  return { method: 'GET', path: `/v2/payments/refunds/${encodeURIComponent(refundId)}`, headers: {} };
}

const moneySchema = z.object({ currency_code: z.string().length(3), value: z.string().regex(/^\d+(\.\d+)?$/) });
export type PayPalMoney = z.infer<typeof moneySchema>;

const refundSchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  status_details: z.object({ reason: z.string().optional() }).optional(),
  amount: moneySchema.optional(),
});
export type PayPalRefund = z.infer<typeof refundSchema>;

/** null when the answer is not a refund (a proxy, a wrong PAYPAL_API_BASE): nothing can be concluded from it. */
export function readRefund(answer: unknown): PayPalRefund | null {
  const parsed = refundSchema.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

const captureSchema = z.object({ id: z.string().min(1), status: z.string().optional(), amount: moneySchema });
export type PayPalCapture = z.infer<typeof captureSchema>;

export function readCapture(answer: unknown): PayPalCapture | null {
  const parsed = captureSchema.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

// Payments v2 spec, schema refund_status.
const REFUND_STATUSES = ['COMPLETED', 'PENDING', 'FAILED', 'CANCELLED'] as const;
type RefundStatus = (typeof REFUND_STATUSES)[number];

function isKnownStatus(status: string): status is RefundStatus {
  return (REFUND_STATUSES as readonly string[]).includes(status);
}

// Payments v2 spec, schema refund_status_details: "The reason why the refund has the PENDING or FAILED status."
const STATUS_REASONS: Readonly<Record<string, string>> = {
  ECHECK: 'the customer paid by eCheck, which has not cleared yet',
};

/** Our words for PayPal's reason, when we know it; its code stays in the detail (statusDetail). */
function reasonText(refund: PayPalRefund): string {
  const reason = refund.status_details?.reason;
  const explained = reason ? STATUS_REASONS[reason] : undefined;
  return explained ? ` (${explained})` : '';
}

function statusDetail(refund: PayPalRefund): Record<string, string> {
  const reason = refund.status_details?.reason;
  return { paypal_refund_status: refund.status, ...(reason ? { paypal_status_reason: reason } : {}) };
}

export function refundToOutcome(refund: PayPalRefund): ProviderOutcome {
  const providerRefundId = refund.id;
  if (!isKnownStatus(refund.status)) {
    return {
      status: 'pending',
      providerRefundId,
      message: `PayPal created the refund with a status this app does not know ("${refund.status}"). It stays pending until it is checked in PayPal.`,
    };
  }
  switch (refund.status) {
    case 'COMPLETED':
      return { status: 'succeeded', providerRefundId };
    case 'PENDING':
      return {
        status: 'pending',
        providerRefundId,
        message: `PayPal accepted the refund and holds it as pending${reasonText(refund)}. It completes on its own once PayPal releases it; nothing else needs to be done.`,
      };
    case 'FAILED':
      return {
        status: 'failed',
        providerRefundId,
        failure: {
          code: 'refund_failed',
          message: `PayPal could not return the money${reasonText(refund)}. Nothing was refunded; check the payment in PayPal or refund the customer another way.`,
          detail: statusDetail(refund),
        },
      };
    case 'CANCELLED':
      return {
        status: 'failed',
        providerRefundId,
        failure: {
          code: 'refund_canceled',
          message: 'The refund was cancelled in PayPal before the money went back. Nothing was refunded; start a new refund if it is still owed.',
          detail: statusDetail(refund),
        },
      };
    default:
      return assertNever(refund.status);
  }
}

// PayPal transaction ids (captures among them) are 17 characters: "TRANSACTIONID … 17 single-byte characters"
// (PayPal Name-Value Pair API Developer Guide, GetTransactionDetails); the v2 spec's related_ids use ^[A-Z0-9]+$.
const CAPTURE_ID = /^[A-Z0-9]{17}$/;

const WHAT_IS_NEEDED = 'A PayPal refund needs the capture id of the payment: 17 capital letters and digits, such as 2GG279541U471931P.';

export function describeInvalidCaptureId(providerTransactionId: string): string | null {
  if (CAPTURE_ID.test(providerTransactionId)) return null;
  const id = providerTransactionId.trim();
  if (id === '') return `The record has no PayPal capture id. ${WHAT_IS_NEEDED}`;
  if (CAPTURE_ID.test(id)) return 'The PayPal capture id on the record has spaces around it. Remove them and try again.';
  if (CAPTURE_ID.test(id.toUpperCase())) return `The PayPal capture id on the record is in lower case; PayPal ids are in capitals. ${WHAT_IS_NEEDED}`;
  const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
  if (id.includes('@')) return `"${shown}" is an email address, not a PayPal payment. ${WHAT_IS_NEEDED}`;
  if (/^PAY-/i.test(id) || /^PAYID-/i.test(id)) {
    return `"${shown}" is the id of an older PayPal payment (Payments v1), not of its capture. ${WHAT_IS_NEEDED}`;
  }
  if (/^[IB]-/i.test(id)) return `"${shown}" is the id of a PayPal billing agreement or subscription, not of a payment. ${WHAT_IS_NEEDED}`;
  return `"${shown}" is not a PayPal capture id. ${WHAT_IS_NEEDED}`;
}
