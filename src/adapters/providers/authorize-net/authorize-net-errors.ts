import type { AttemptKind } from '../../../domain/attempt';
import { assertNever } from '../../../domain/assert-never';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import {
  connectionLostOutcome,
  failedOutcome as failed,
  mayHaveGoneThrough,
  noAnswerOutcome as noAnswer,
  type OutcomeDetail,
  unknownOutcome as unknown,
} from '../outcomes';
import type { NoAnswer } from './authorize-net-http';

export { failed, unknown };
export type Detail = OutcomeDetail;

/** What was asked of Authorize.net, for the messages. */
export type Action = AttemptKind;

export function willBeChecked(action: Action): string {
  return mayHaveGoneThrough(action);
}

/** A lookup that could not settle what became of the attempt: it stays `unknown`. `reason` is a sentence. */
export function lookupInconclusive(action: Action, reason: string, detail: Detail): ProviderOutcome {
  return unknown('lookup_inconclusive', `Authorize.net cannot tell yet what became of this ${action}: ${reason} It will be checked again.`, detail);
}

/**
 * No usable answer. Silence, a broken connection, a 5xx or a body that is not the API's JSON → unknown: Authorize.net
 * may have processed the request. Any other HTTP status → failed: the API itself answers 200 even for its errors
 * (see its E000xx messages), so a 3xx/4xx comes from something in front of it that refused the request.
 */
export function noAnswerOutcome(exchange: NoAnswer, action: Action): ProviderOutcome {
  const checked = willBeChecked(action);
  switch (exchange.kind) {
    case 'stopped':
      return noAnswer('Authorize.net', exchange.reason, action);
    case 'network':
      return connectionLostOutcome('Authorize.net', exchange.cause, action);
    case 'unreadable':
      return unknown('provider_unreadable_answer', `Authorize.net's answer could not be read; ${checked}`, {
        http_status: String(exchange.httpStatus),
        reason: 'not_json',
      });
    case 'http_error':
      if (exchange.httpStatus >= 500) {
        return unknown('provider_server_error', `Authorize.net had a problem on its side; ${checked}`, { http_status: String(exchange.httpStatus) });
      }
      return failed(
        'provider_http_error',
        `The Authorize.net address this app uses refused the request (HTTP ${exchange.httpStatus}), so nothing was sent to Authorize.net. Ask a HubSpot admin to check AUTHORIZENET_API_BASE.`,
        { http_status: String(exchange.httpStatus) },
      );
    default:
      return assertNever(exchange);
  }
}

/** Why a read-only question (details, lists) got no usable answer, for a Settlement or a lookup reason. */
export function noAnswerReason(exchange: NoAnswer): string {
  switch (exchange.kind) {
    case 'stopped':
      return exchange.reason === 'deadline' ? 'Authorize.net did not answer in time.' : 'The wait for Authorize.net was stopped.';
    case 'network':
      return 'The connection to Authorize.net broke before it answered.';
    case 'unreadable':
      return "Authorize.net's answer could not be read.";
    case 'http_error':
      return `Authorize.net answered HTTP ${exchange.httpStatus}.`;
    default:
      return assertNever(exchange);
  }
}

export function withFullStop(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
