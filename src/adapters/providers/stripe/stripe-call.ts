import { assertNever } from '../../../domain/assert-never';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import { type StopReason, untilStopped } from '../http-exchange';
import { noAnswerOutcome, stripeErrorToOutcome, unreadableAnswerOutcome } from './stripe-errors';
import { readRefund, refundToOutcome } from './stripe-mapping';

/** Stripe's answer, or the outcome that stands for the lack of one (its error, or the signal that stopped the wait). */
export type Asked<T> = { readonly kind: 'answer'; readonly value: T } | { readonly kind: 'no_answer'; readonly outcome: ProviderOutcome };

export async function ask<T>(request: Promise<T>, signal: AbortSignal): Promise<Asked<T>> {
  const settled = await settle(request, signal);
  switch (settled.kind) {
    case 'answer':
      return { kind: 'answer', value: settled.value };
    case 'error':
      return { kind: 'no_answer', outcome: stripeErrorToOutcome(settled.error) };
    case 'stopped':
      return { kind: 'no_answer', outcome: noAnswerOutcome(settled.reason) };
    default:
      return assertNever(settled);
  }
}

/** Stripe's answer read by `onAnswer`; anything else is the outcome `ask` maps it to. */
export async function answerOf<T>(request: Promise<T>, signal: AbortSignal, onAnswer: (value: T) => ProviderOutcome): Promise<ProviderOutcome> {
  const asked = await ask(request, signal);
  return asked.kind === 'answer' ? onAnswer(asked.value) : asked.outcome;
}

/** Stripe's answer to a call that returns a Refund (create, retrieve, an item of a list) → the attempt's outcome. */
export function refundAnswerOutcome(answer: unknown): ProviderOutcome {
  const refund = readRefund(answer);
  return refund === null ? unreadableAnswerOutcome() : refundToOutcome(refund);
}

type Settled<T> =
  | { readonly kind: 'answer'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'stopped'; readonly reason: StopReason };

/**
 * Waits for the SDK call, but no longer than the signal allows (the SDK takes no signal). A late answer is dropped and
 * the attempt stays `unknown`; the SDK's own socket timeout only frees the abandoned request.
 */
async function settle<T>(request: Promise<T>, signal: AbortSignal): Promise<Settled<T>> {
  const answered = request.then(
    (value): Settled<T> => ({ kind: 'answer', value }),
    (error: unknown): Settled<T> => ({ kind: 'error', error }),
  );
  const waited = await untilStopped(answered, signal);
  return waited.done ? waited.value : { kind: 'stopped', reason: waited.reason };
}
