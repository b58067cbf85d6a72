import type { ProviderOutcome } from '../../../ports/payment-provider';
import { connectionLostOutcome, noAnswerOutcome, notSentOutcome } from '../outcomes';
import { errorAnswerOutcome, inconclusive, tokenProblemOutcome, unreadableAnswerOutcome } from './paypal-errors';
import { sendHttp } from './paypal-http';
import { type PayPalRequest, readRefund, refundToOutcome } from './paypal-mapping';
import { type AuthorizedAnswer, type PayPalTokens, sendWithToken } from './paypal-token';

/** What one provider instance shares between its calls. */
export interface PayPalContext {
  readonly origin: string;
  readonly now: () => number;
  readonly tokens: PayPalTokens;
}

export function callPayPal(context: PayPalContext, signal: AbortSignal, request: PayPalRequest): Promise<AuthorizedAnswer> {
  return sendWithToken(context.tokens, signal, (authorization) => sendHttp(context.origin, request, authorization, signal));
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * The answer to a call that returns a refund (refund a capture, show a refund) → an outcome. For a lookup, whatever
 * does not prove what became of the refund leaves it `unknown`.
 */
export function refundAnswerOutcome(purpose: 'refund' | 'lookup', answer: AuthorizedAnswer): ProviderOutcome {
  switch (answer.kind) {
    case 'not_sent':
      return purpose === 'refund' ? notSentOutcome('PayPal', answer.reason) : noAnswerOutcome('PayPal', answer.reason);
    case 'no_token':
      return purpose === 'refund' ? tokenProblemOutcome(answer.problem) : inconclusive(tokenProblemOutcome(answer.problem));
    case 'stopped':
      return noAnswerOutcome('PayPal', answer.reason);
    case 'network':
      return connectionLostOutcome('PayPal', answer.cause);
    case 'response': {
      if (!isSuccess(answer.status)) return errorAnswerOutcome(purpose, answer.status, answer.body, answer.debugId);
      const refund = readRefund(answer.body);
      return refund === null ? unreadableAnswerOutcome(answer.status, answer.debugId) : refundToOutcome(refund);
    }
    default: {
      const unreachable: never = answer;
      return unreachable;
    }
  }
}
