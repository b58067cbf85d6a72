import type Stripe from 'stripe';
import { assertNever } from '../../../domain/assert-never';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import { noAnswerOutcome, stripeErrorToOutcome, unreadableAnswerOutcome } from './stripe-errors';
import { readRefund, refundToOutcome } from './stripe-mapping';

/** The SDK client and what bounds its calls. */
export interface StripeCall {
  readonly stripe: Stripe;
  /** to keep out of anything Stripe echoes back */
  readonly secretKey: string;
  /** the whole budget of one refund or lookup, every request it makes included */
  readonly timeoutMs: number;
}

/** Stripe's answer, or the outcome that stands for the lack of one (its error, our deadline, the caller's abort). */
export type Asked<T> = { readonly kind: 'answer'; readonly value: T } | { readonly kind: 'no_answer'; readonly outcome: ProviderOutcome };

/** `deadline`: the instant (ms since the epoch) the operation this request belongs to gives up. */
export async function ask<T>(call: StripeCall, request: Promise<T>, signal: AbortSignal, deadline: number): Promise<Asked<T>> {
  const settled = await settle(request, signal, deadline);
  switch (settled.kind) {
    case 'answer':
      return { kind: 'answer', value: settled.value };
    case 'error':
      return { kind: 'no_answer', outcome: stripeErrorToOutcome(settled.error, call.secretKey) };
    case 'deadline':
    case 'aborted':
      return { kind: 'no_answer', outcome: noAnswerOutcome(settled.kind, call.timeoutMs) };
    default:
      return assertNever(settled);
  }
}

/** Stripe's answer read by `onAnswer`; anything else is the outcome `ask` maps it to. */
export async function answerOf<T>(
  call: StripeCall,
  request: Promise<T>,
  signal: AbortSignal,
  deadline: number,
  onAnswer: (value: T) => ProviderOutcome,
): Promise<ProviderOutcome> {
  const asked = await ask(call, request, signal, deadline);
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
  | { readonly kind: 'deadline' }
  | { readonly kind: 'aborted' };

/**
 * Waits for the SDK call, but no longer than the caller's signal and our own deadline allow. The SDK's socket
 * timeout only bounds silence, not the whole exchange; a late answer is dropped and the attempt stays `unknown`.
 */
async function settle<T>(request: Promise<T>, signal: AbortSignal, deadline: number): Promise<Settled<T>> {
  const answered = request.then(
    (value): Settled<T> => ({ kind: 'answer', value }),
    (error: unknown): Settled<T> => ({ kind: 'error', error }),
  );
  if (signal.aborted) return { kind: 'aborted' };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'deadline' }), Math.max(0, deadline - Date.now()));
    onAbort = () => resolve({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([answered, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
