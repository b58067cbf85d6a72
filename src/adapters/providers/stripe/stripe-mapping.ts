import * as z from 'zod';
import type { AttemptFailure } from '../../../domain/attempt';
import { type CurrencyCode, exponentOf } from '../../../domain/currency';
import { assertNever } from '../../../domain/assert-never';
import { formatMinor, type Money } from '../../../domain/money';
import type { RefundReason } from '../../../domain/refund-reason';
import type { ProviderOutcome } from '../../../ports/payment-provider';

// https://docs.stripe.com/currencies#zero-decimal (MGA is two-decimal in ISO 4217 but whole units at Stripe)
const STRIPE_ZERO_DECIMAL: ReadonlySet<string> = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
// https://docs.stripe.com/currencies#special-cases: effectively zero-decimal, sent with two decimals, a multiple of 100
const STRIPE_WHOLE_UNITS_AS_HUNDREDTHS: ReadonlySet<string> = new Set(['ISK', 'UGX']);
// https://docs.stripe.com/currencies#three-decimal: thousandths whose last digit must be 0
const STRIPE_THREE_DECIMAL: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

interface StripeUnits {
  /** decimals of the integer Stripe expects */
  readonly exponent: number;
  /** the Stripe integer must be a multiple of this */
  readonly step: bigint;
}

function stripeUnitsOf(currency: CurrencyCode): StripeUnits {
  if (STRIPE_WHOLE_UNITS_AS_HUNDREDTHS.has(currency)) return { exponent: 2, step: 100n };
  if (STRIPE_ZERO_DECIMAL.has(currency)) return { exponent: 0, step: 1n };
  if (STRIPE_THREE_DECIMAL.has(currency)) return { exponent: 3, step: 10n };
  return { exponent: exponentOf(currency), step: 1n };
}

export type StripeAmount = { readonly ok: true; readonly amount: bigint } | { readonly ok: false; readonly failure: AttemptFailure };

/** Our minor units → the integer Stripe expects in `amount`, or a refusal when Stripe cannot take that amount. */
export function toStripeAmount(money: Money): StripeAmount {
  const { minor, currency } = money;
  if (minor <= 0n) {
    return { ok: false, failure: { code: 'invalid_amount', message: 'The refund amount must be greater than zero.' } };
  }
  const ours = exponentOf(currency);
  const units = stripeUnitsOf(currency);
  const shift = 10n ** BigInt(Math.abs(units.exponent - ours));
  const granularity = units.exponent >= ours ? maxBigInt(units.step / shift, 1n) : units.step * shift;
  if (minor % granularity !== 0n) return { ok: false, failure: refusedAmount(money, granularity) };
  const amount = units.exponent >= ours ? minor * shift : minor / shift;
  return { ok: true, amount };
}

/**
 * The inverse of toStripeAmount: an integer Stripe reports (`amount_received`, `amount_captured`) → our minor units,
 * or null when it is negative or does not convert exactly (ISK 150 is 1.50 krónur, which our whole krónur cannot hold).
 */
export function fromStripeAmount(amount: bigint, currency: CurrencyCode): Money | null {
  if (amount < 0n) return null;
  const ours = exponentOf(currency);
  const units = stripeUnitsOf(currency);
  const shift = 10n ** BigInt(Math.abs(units.exponent - ours));
  if (units.exponent < ours) return { minor: amount * shift, currency };
  return amount % shift === 0n ? { minor: amount / shift, currency } : null;
}

function refusedAmount(money: Money, granularity: bigint): AttemptFailure {
  const { minor, currency } = money;
  const lower = minor - (minor % granularity);
  const upper = lower + granularity;
  const show = (value: bigint) => `${formatMinor(value, currency)} ${currency}`;
  const options = lower > 0n ? `${show(lower)} or ${show(upper)}` : show(upper);
  return {
    code: 'amount_not_accepted_by_provider',
    message: `Stripe only takes ${currency} amounts in steps of ${show(granularity)}, so nothing was sent. Refund ${options} instead.`,
    detail: { currency, amount_minor: minor.toString(), required_multiple_minor: granularity.toString() },
  };
}

function maxBigInt(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

export type StripeRefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

/** Stripe knows three reasons; ours `other` is sent as no reason at all. */
export function toStripeReason(reason: RefundReason): StripeRefundReason | null {
  switch (reason) {
    case 'duplicate':
    case 'fraudulent':
    case 'requested_by_customer':
      return reason;
    case 'other':
      return null;
    default:
      return assertNever(reason);
  }
}

/** What POST /v1/refunds is told to refund: a PaymentIntent, or a Charge (`ch_` cards, `py_` other payment methods). */
export type StripePaymentTarget = { readonly payment_intent: string } | { readonly charge: string };

const PAYMENT_ID = /^(pi|ch|py)_[A-Za-z0-9]+$/;

export function paymentTargetOf(providerTransactionId: string): StripePaymentTarget | null {
  const match = PAYMENT_ID.exec(providerTransactionId);
  if (!match) return null;
  return match[1] === 'pi' ? { payment_intent: providerTransactionId } : { charge: providerTransactionId };
}

const OTHER_STRIPE_OBJECTS: Readonly<Record<string, string>> = {
  re: 'a refund',
  cus: 'a customer',
  in: 'an invoice',
  cs: 'a Checkout session',
  pm: 'a payment method',
  sub: 'a subscription',
  txn: 'a balance transaction',
  seti: 'a setup intent',
};

const WHAT_IS_NEEDED =
  'A Stripe refund needs the PaymentIntent id (starts with pi_) or the Charge id (starts with ch_ or py_) of the payment.';

export function describeInvalidStripeId(providerTransactionId: string): string | null {
  if (PAYMENT_ID.test(providerTransactionId)) return null;
  const id = providerTransactionId.trim();
  if (id === '') return `The record has no Stripe payment id. ${WHAT_IS_NEEDED}`;
  if (/^pi_[A-Za-z0-9]+_secret_/.test(id)) {
    return `The record holds a PaymentIntent client secret instead of its id. Keep only the part before "_secret_". ${WHAT_IS_NEEDED}`;
  }
  if (id !== providerTransactionId && PAYMENT_ID.test(id)) {
    return `The Stripe payment id on the record has spaces around it. Remove them and try again.`;
  }
  const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
  const prefix = /^([a-z]+)_/.exec(id)?.[1];
  const other = prefix === undefined ? undefined : OTHER_STRIPE_OBJECTS[prefix];
  if (other) return `"${shown}" is the id of ${other}, not of a payment. ${WHAT_IS_NEEDED}`;
  return `"${shown}" is not a Stripe payment id. ${WHAT_IS_NEEDED}`;
}

const STRIPE_REFUND_STATUSES = ['succeeded', 'pending', 'requires_action', 'failed', 'canceled'] as const;
type StripeRefundStatus = (typeof STRIPE_REFUND_STATUSES)[number];

function isKnownStatus(status: string | null): status is StripeRefundStatus {
  return status !== null && (STRIPE_REFUND_STATUSES as readonly string[]).includes(status);
}

const refundFactsSchema = z.object({
  id: z.string().min(1),
  status: z.string().nullable(),
  failure_reason: z.string().nullish(),
});

/** The fields of a Stripe Refund object this adapter reads. */
export type StripeRefundFacts = z.infer<typeof refundFactsSchema>;

/** null when the answer is not a Refund (a proxy, a wrong STRIPE_API_BASE): nothing can be concluded from it. */
export function readRefund(answer: unknown): StripeRefundFacts | null {
  const parsed = refundFactsSchema.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

// https://docs.stripe.com/api/refunds/object#refund_object-failure_reason
const FAILURE_REASONS: Readonly<Record<string, string>> = {
  lost_or_stolen_card: 'the card was reported lost or stolen',
  expired_or_canceled_card: 'the card has expired or was canceled',
  charge_for_pending_refund_disputed: 'the customer disputed the payment while the refund was on its way',
  insufficient_funds: 'the Stripe balance could not cover the refund',
  declined: "the customer's bank refused it",
  merchant_request: 'it was canceled at your request',
};

export function refundToOutcome(refund: StripeRefundFacts): ProviderOutcome {
  const providerRefundId = refund.id;
  if (!isKnownStatus(refund.status)) {
    return {
      status: 'pending',
      providerRefundId,
      message: `Stripe created the refund with a status this app does not know ("${refund.status ?? 'none'}"). It stays pending until it is checked in Stripe.`,
    };
  }
  switch (refund.status) {
    case 'succeeded':
      return { status: 'succeeded', providerRefundId };
    case 'pending':
      return {
        status: 'pending',
        providerRefundId,
        message: 'Stripe accepted the refund; it completes once the payment network confirms it, usually within a few days.',
      };
    case 'requires_action':
      return {
        status: 'pending',
        providerRefundId,
        message: 'Stripe is waiting for the customer to act (for example, give their bank details) before the money can go back.',
      };
    case 'failed': {
      const reason = refund.failure_reason ? FAILURE_REASONS[refund.failure_reason] : undefined;
      return {
        status: 'failed',
        providerRefundId,
        failure: {
          code: 'refund_failed',
          message: `Stripe could not return the money${reason ? `: ${reason}` : ''}. Nothing was refunded; check the payment in Stripe or refund the customer another way.`,
          detail: { stripe_refund_status: refund.status, ...(refund.failure_reason ? { failure_reason: refund.failure_reason } : {}) },
        },
      };
    }
    case 'canceled':
      return {
        status: 'failed',
        providerRefundId,
        failure: {
          code: 'refund_canceled',
          message: 'The refund was canceled in Stripe before the money went back. Nothing was refunded; start a new refund if it is still owed.',
          detail: { stripe_refund_status: refund.status },
        },
      };
    default:
      return assertNever(refund.status);
  }
}
