import * as z from 'zod';
import { toCurrencyCode } from '../../../domain/currency';
import type { Money } from '../../../domain/money';
import type Stripe from 'stripe';
import { ask } from './stripe-call';
import { fromStripeAmount, paymentTargetOf } from './stripe-mapping';

// https://docs.stripe.com/api/payment_intents/object: amount_received "Amount that this PaymentIntent collects"; status
// `succeeded` is final (https://docs.stripe.com/payments/paymentintents/lifecycle): after it nothing more is collected,
// and refunds do not lower amount_received.
const paymentIntentSchema = z.object({
  object: z.literal('payment_intent'),
  id: z.string(),
  status: z.string(),
  amount_received: z.number(),
  currency: z.string(),
});

// https://docs.stripe.com/api/charges/object: status "either `succeeded`, `pending`, or `failed`"; `captured` tells an
// authorization from a capture; amount_captured "can be less than the amount attribute on the charge if a partial
// capture was made" (the rest of the authorization is released, so it never grows afterwards).
const chargeSchema = z.object({
  object: z.literal('charge'),
  id: z.string(),
  status: z.string(),
  captured: z.boolean(),
  amount_captured: z.number(),
  currency: z.string(),
});

/**
 * What a Stripe payment took, once it is final: a succeeded PaymentIntent's amount_received, a succeeded and captured
 * Charge's amount_captured (ch_ or py_), in the currency Stripe reports. Anything else, and every error, timeout or
 * unreadable answer, is null: the ledger keeps the amount first seen and asks again on a later read.
 */
export async function paidAmount(stripe: Stripe, providerTransactionId: string, signal: AbortSignal): Promise<Money | null> {
  try {
    const target = paymentTargetOf(providerTransactionId);
    if (target === null || signal.aborted) return null;
    if ('payment_intent' in target) {
      const asked = await ask(stripe.paymentIntents.retrieve(target.payment_intent), signal);
      const intent = asked.kind === 'answer' ? paymentIntentSchema.safeParse(asked.value) : null;
      if (!intent?.success || intent.data.id !== providerTransactionId || intent.data.status !== 'succeeded') return null;
      return stripeMoney(intent.data.amount_received, intent.data.currency);
    }
    const asked = await ask(stripe.charges.retrieve(target.charge), signal);
    const charge = asked.kind === 'answer' ? chargeSchema.safeParse(asked.value) : null;
    if (!charge?.success || charge.data.id !== providerTransactionId || charge.data.status !== 'succeeded' || !charge.data.captured) return null;
    return stripeMoney(charge.data.amount_captured, charge.data.currency);
  } catch {
    return null;
  }
}

/**
 * Stripe's integer (the SDK hands over JSON's number; Stripe amounts have at most 8 digits, so every safe integer is
 * exact) → our money. Zero is no figure: a final payment of nothing is an answer this adapter does not understand.
 */
export function stripeMoney(amount: number, currency: string): Money | null {
  const code = toCurrencyCode(currency);
  if (code === null || !Number.isSafeInteger(amount) || amount <= 0) return null;
  return fromStripeAmount(BigInt(amount), code);
}
