import type { AttemptKind } from '../../../domain/attempt';
import { assertNever } from '../../../domain/assert-never';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import { failedOutcome as failed, mayHaveGoneThrough, type OutcomeDetail as Detail, REASON_KEPT_FOR_ADMIN, unknownOutcome as unknown } from '../outcomes';
import { type DirectPostAnswer, splitRefid } from './nmi-mapping';

const willBeChecked = (kind: AttemptKind) => mayHaveGoneThrough(kind);

/**
 * Its start is kept only for Direct Post answers (redacted with the provider's outcomes): Query API answers
 * carry cardholder names, emails and addresses, none of which belongs in an attempt record.
 */
export function unreadableAnswerOutcome(kind: AttemptKind, httpStatus: number, body: string, api: 'transact' | 'query'): ProviderOutcome {
  const excerpt: Detail = api === 'transact' ? { body_start: body.slice(0, 200) } : { body_chars: String(body.length) };
  return unknown('provider_unreadable_answer', `NMI's answer could not be read; ${willBeChecked(kind)}`, { http_status: String(httpStatus), ...excerpt });
}

/** Why NMI refused (response 3), as far as this app acts on it; the rest is `other`. */
export type NmiRefusal =
  | 'over_balance'
  | 'not_settled'
  | 'already_settled'
  | 'duplicate'
  | 'rate_limited'
  | 'authentication'
  | 'unknown_transaction'
  | 'other';

const NOT_SETTLED_WORDING = ['not settled', 'not yet settled', 'unsettled', 'before settlement', 'until settlement'];

export function classifyRefusal(answer: DirectPostAnswer, kind: AttemptKind): NmiRefusal {
  const text = answer.responsetext.toLowerCase();
  // Payment API "Rate Limits": response=3, responsetext "Rate limit exceeded", response_code 301; the request is not processed.
  if (answer.response_code === '301') return 'rate_limited';
  // "Refund amount may not exceed the transaction balance REFID:…", 300 (captured answers in public NMI client tests, e.g. sixcrm, elixir gateway).
  if (text.includes('may not exceed the transaction balance')) return 'over_balance';
  // "Duplicate transaction REFID:…", 300 (same sources); 430 "Duplicate transaction at processor" (Payment API, "Result Code Table").
  if (text.startsWith('duplicate transaction') || answer.response_code === '430') return 'duplicate';
  // A bad or empty key: activemerchant test/remote/gateways/remote_nmi_test.rb (test_invalid_login_security_key_empty).
  if (text.startsWith('authentication failed')) return 'authentication';
  // "Invalid Transaction ID specified REFID:…", 300: activemerchant test/unit/gateways/nmi_test.rb (failed_refund_response).
  if (text.startsWith('invalid transaction id') || text.startsWith('transaction not found')) return 'unknown_transaction';
  // "Only transactions pending settlement can be voided REFID:…", 300: activemerchant test/unit/gateways/nmi_test.rb (failed_void_response).
  if (kind === 'void' && text.includes('only transactions pending settlement can be voided')) return 'already_settled';
  // NMI accepts refunds of pending-settlement payments (Payment API, "Refund"); a processor that refuses words it its own way.
  if (kind === 'refund' && NOT_SETTLED_WORDING.some((wording) => text.includes(wording))) return 'not_settled';
  return 'other';
}

/** A Direct Post answer to a refund or a void → the outcome, or null for an approval without a transaction id. */
export function directPostOutcome(answer: DirectPostAnswer, kind: AttemptKind): ProviderOutcome | null {
  const detail = answerDetail(answer);
  switch (answer.response) {
    case '1':
      return answer.transactionid === '' ? null : { status: 'succeeded', providerRefundId: answer.transactionid };
    case '2':
      return failed(`${kind}_declined`, declinedMessage(kind), detail);
    case '3':
      return refusalOutcome(classifyRefusal(answer, kind), kind, detail);
    default:
      return assertNever(answer.response);
  }
}

function declinedMessage(kind: AttemptKind): string {
  switch (kind) {
    case 'refund':
      return "NMI's processor declined the refund, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.";
    case 'void':
      return "NMI's processor declined the void, so the payment was not cancelled. Once it has settled you can refund it instead.";
    default:
      return assertNever(kind);
  }
}

function refusalOutcome(refusal: NmiRefusal, kind: AttemptKind, detail: Detail): ProviderOutcome {
  const nothing = kind === 'refund' ? 'nothing was refunded' : 'the payment was not cancelled';
  switch (refusal) {
    case 'over_balance':
      return failed(
        'amount_exceeds_refundable',
        `NMI refused: the amount is more than what is left to refund on this payment, so ${nothing}. Part of it may have been refunded directly in NMI; check the payment there and refund a smaller amount.`,
        detail,
      );
    case 'not_settled':
      return failed(
        'payment_not_settled',
        `NMI has not settled this payment yet, so it cannot be refunded and ${nothing}. Void it now to cancel the whole payment, or refund it after settlement (usually the next business day).`,
        detail,
      );
    case 'already_settled':
      return failed('payment_already_settled', `NMI has already settled this payment, so it can no longer be voided and ${nothing}. Refund it instead.`, detail);
    case 'duplicate':
      return failed(
        'duplicate_refused',
        `NMI refused this ${kind} as a duplicate of one it processed moments ago, so ${nothing} by this request. Check the payment in NMI before trying again.`,
        detail,
      );
    case 'rate_limited':
      return failed('provider_rate_limited', `NMI is receiving too many requests and did not process this ${kind}; ${nothing}. Try again in a minute.`, detail);
    case 'authentication':
      return failed(
        'provider_authentication_failed',
        `NMI rejected this app's security key, so ${nothing}. Ask a HubSpot admin to check the NMI security key configured for the refund app.`,
        detail,
      );
    case 'unknown_transaction':
      return failed(
        'payment_not_found',
        `NMI cannot find this payment, so ${nothing}. Check the transaction id on the record, and that the app uses the NMI account that took the payment.`,
        detail,
      );
    case 'other':
      return failed('provider_refused', `NMI refused the ${kind}, so ${nothing}. ${REASON_KEPT_FOR_ADMIN}`, detail);
    default:
      return assertNever(refusal);
  }
}

function answerDetail(answer: DirectPostAnswer): Detail {
  const { text, refid } = splitRefid(answer.responsetext);
  const detail: Detail = { nmi_response: answer.response, nmi_response_code: answer.response_code, nmi_responsetext: text };
  if (refid !== null) detail.nmi_refid = refid;
  if (answer.transactionid !== '') detail.nmi_transactionid = answer.transactionid;
  return detail;
}
