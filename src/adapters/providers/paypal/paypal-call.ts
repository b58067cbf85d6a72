import type { ProviderOutcome } from '../../../ports/payment-provider';
import {
  connectionLostOutcome,
  errorAnswerOutcome,
  inconclusive,
  noAnswerOutcome,
  notSentOutcome,
  tokenProblemOutcome,
  unreadableAnswerOutcome,
} from './paypal-errors';
import { type Budget, sendHttp } from './paypal-http';
import { type PayPalRequest, readRefund, refundToOutcome } from './paypal-mapping';
import { type AuthorizedAnswer, type PayPalTokens, sendWithToken } from './paypal-token';

/** What one provider instance shares between its calls. */
export interface PayPalContext {
  readonly origin: string;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly tokens: PayPalTokens;
  /** removes the client secret from text PayPal sent back */
  readonly redact: (text: string) => string;
}

export function callPayPal(context: PayPalContext, budget: Budget, request: PayPalRequest): Promise<AuthorizedAnswer> {
  return sendWithToken(context.tokens, budget, (authorization) => sendHttp(context.origin, request, authorization, budget.signal));
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * The answer to a call that returns a refund (refund a capture, show a refund) → an outcome. For a lookup, whatever
 * does not prove what became of the refund leaves it `unknown`.
 */
export function refundAnswerOutcome(
  purpose: 'refund' | 'lookup',
  answer: AuthorizedAnswer,
  context: PayPalContext,
  budget: Budget,
): ProviderOutcome {
  switch (answer.kind) {
    case 'not_sent':
      return purpose === 'refund' ? notSentOutcome(answer.reason) : noAnswerOutcome(answer.reason, context.timeoutMs);
    case 'no_token':
      return purpose === 'refund' ? tokenProblemOutcome(answer.problem) : inconclusive(tokenProblemOutcome(answer.problem));
    case 'stopped':
      return noAnswerOutcome(budget.stopReason() ?? 'aborted', context.timeoutMs);
    case 'network':
      return connectionLostOutcome(answer.cause);
    case 'response': {
      if (!isSuccess(answer.status)) return errorAnswerOutcome(purpose, answer.status, answer.body, answer.debugId, context.redact);
      const refund = readRefund(answer.body);
      return refund === null ? unreadableAnswerOutcome(answer.status, answer.debugId) : refundToOutcome(refund);
    }
    default: {
      const unreachable: never = answer;
      return unreachable;
    }
  }
}
