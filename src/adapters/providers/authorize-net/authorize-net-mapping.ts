import { assertNever } from '../../../domain/assert-never';
import type { FailureCode } from '../../../domain/failure-code';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import { REASON_KEPT_FOR_ADMIN as KEPT_FOR_ADMIN } from '../outcomes';
import { type Action, type Detail, failed, unknown, willBeChecked } from './authorize-net-errors';
import type { CreateTransactionAnswer, TransactionResponse } from './authorize-net-responses';

// transactionResponse.responseCode: 1 approved, 2 declined, 3 error, 4 held for review, and the reason codes below:
// https://developer.authorize.net/api/reference/responseCodes.html
const RESPONSE_KINDS = { '1': 'approved', '2': 'declined', '3': 'error', '4': 'held_for_review' } as const;
type ResponseKind = (typeof RESPONSE_KINDS)[keyof typeof RESPONSE_KINDS];

function responseKindOf(code: string | undefined): ResponseKind | null {
  return code !== undefined && Object.hasOwn(RESPONSE_KINDS, code) ? RESPONSE_KINDS[code as keyof typeof RESPONSE_KINDS] : null;
}

/** Authorize.net answers transId "0" when no transaction was created. */
function createdTransId(transId: string | undefined): string | null {
  return transId !== undefined && /^\d+$/.test(transId) && !/^0+$/.test(transId) ? transId : null;
}

/** What the operator needs to find the answer at Authorize.net (whatever it echoed is redacted with the provider's outcomes). */
export function operatorDetail(answer: CreateTransactionAnswer): Detail {
  const response = answer.transactionResponse;
  const error = response?.errors?.[0];
  const message = answer.messages.message[0];
  const facts: readonly (readonly [string, string | undefined])[] = [
    ['result_code', answer.messages.resultCode],
    ['message_code', message?.code],
    ['message_text', message?.text],
    ['response_code', response?.responseCode],
    ['error_code', error?.errorCode],
    ['error_text', error?.errorText],
    ['trans_id', createdTransId(response?.transId) ?? undefined],
    ['ref_id', answer.refId],
  ];
  const detail: Detail = {};
  for (const [key, value] of facts) if (value !== undefined && value !== '') detail[key] = value;
  return detail;
}

const unreadable = (action: Action, detail: Detail) =>
  unknown('provider_unreadable_answer', `Authorize.net's answer did not say how the ${action} went; ${willBeChecked(action)}`, detail);

/** Error 54: the payment is not refundable (unsettled, older than 120 days…); the provider looks at it to say which. */
export type RefundVerdict = { readonly kind: 'outcome'; readonly outcome: ProviderOutcome } | { readonly kind: 'not_refundable'; readonly detail: Detail };

const outcome = (value: ProviderOutcome): RefundVerdict => ({ kind: 'outcome', outcome: value });

export function refundVerdict(answer: CreateTransactionAnswer): RefundVerdict {
  const detail = operatorDetail(answer);
  const response = answer.transactionResponse;
  const kind = responseKindOf(response?.responseCode);
  if (response === undefined || kind === null) return outcome(withoutTransactionResult(answer, 'refund', detail));
  const transId = createdTransId(response.transId);
  switch (kind) {
    case 'approved':
      return outcome(transId ? { status: 'succeeded', providerRefundId: transId } : unreadable('refund', detail));
    case 'held_for_review':
      return outcome(
        transId
          ? {
              status: 'pending',
              providerRefundId: transId,
              message: "Authorize.net's fraud filters are holding the refund for review; it goes through once someone approves it in the Merchant Interface.",
            }
          : unreadable('refund', detail),
      );
    case 'declined':
      return outcome(
        failed(
          'card_declined',
          "The customer's bank declined the refund, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.",
          detail,
          transId,
        ),
      );
    case 'error':
      return refundErrorVerdict(response, detail, transId);
    default:
      return assertNever(kind);
  }
}

const REFUND_ERRORS: Readonly<Record<string, { readonly code: FailureCode; readonly message: string }>> = {
  '6': {
    code: 'card_number_rejected',
    message:
      "Authorize.net did not accept the card's last four digits for this payment, so nothing was refunded. Check that the record's card digits match the card on the transaction in the Authorize.net Merchant Interface.",
  },
  '8': {
    code: 'card_expired',
    message: 'Authorize.net refused the refund because the card has expired, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.',
  },
  '13': {
    code: 'provider_authentication_failed',
    message: "Authorize.net rejected this app's API Login ID, so nothing was refunded. Ask a HubSpot admin to check AUTHORIZENET_API_LOGIN_ID.",
  },
  '16': {
    code: 'payment_not_found',
    message:
      'Authorize.net cannot find this transaction, so nothing was refunded. Check the transaction id on the record, and that the app uses the Authorize.net account (live or sandbox) that took the payment.',
  },
  '39': {
    code: 'currency_not_accepted',
    message: "Authorize.net refused the refund's currency for this account, so nothing was refunded. Check that the record's currency is the one the payment was taken in.",
  },
  '55': {
    code: 'amount_exceeds_refundable',
    message:
      'Authorize.net refused: the amount is more than what is left to refund on this payment, so nothing was refunded. Part of it may have been refunded directly in Authorize.net; check the payment there and refund a smaller amount.',
  },
  '123': {
    code: 'provider_permission_denied',
    message: "This app's Authorize.net credentials are not allowed to issue refunds, so nothing was refunded. Ask a HubSpot admin to check the API user's permissions in Authorize.net.",
  },
};

function refundErrorVerdict(response: TransactionResponse, detail: Detail, transId: string | null): RefundVerdict {
  const error = response.errors?.[0];
  const code = error?.errorCode ?? '';
  if (code === '54') return { kind: 'not_refundable', detail };
  if (code === '11') {
    // With duplicateWindow sent, the duplicate's answer describes the first submission, which may have been approved.
    return outcome(
      unknown('provider_duplicate', `Authorize.net already received this refund from an earlier submission and did not process it again; ${willBeChecked('refund')}`, detail),
    );
  }
  const known = REFUND_ERRORS[code];
  if (known) return outcome(failed(known.code, known.message, detail, transId));
  return outcome(failed('provider_error', `Authorize.net could not process the refund, so nothing was refunded. ${KEPT_FOR_ADMIN}`, detail, transId));
}

export function voidOutcome(answer: CreateTransactionAnswer): ProviderOutcome {
  const detail = operatorDetail(answer);
  const response = answer.transactionResponse;
  const kind = responseKindOf(response?.responseCode);
  if (response === undefined || kind === null) return withoutTransactionResult(answer, 'void', detail);
  const transId = createdTransId(response.transId);
  switch (kind) {
    case 'approved':
      return transId ? { status: 'succeeded', providerRefundId: transId } : unreadable('void', detail);
    case 'held_for_review':
      return transId
        ? { status: 'pending', providerRefundId: transId, message: "Authorize.net's fraud filters are holding the void for review in the Merchant Interface." }
        : unreadable('void', detail);
    case 'declined':
    case 'error': {
      if (response.errors?.[0]?.errorCode === '16') {
        return failed('payment_not_found', 'Authorize.net cannot find this transaction, so nothing was voided. Check the transaction id on the record.', detail);
      }
      return failed(
        'void_refused',
        `Authorize.net did not void the payment, so nothing was cancelled. If the payment has settled in the meantime, refund it instead. ${KEPT_FOR_ADMIN}`,
        detail,
      );
    }
    default:
      return assertNever(kind);
  }
}

const NOTHING_DONE: Readonly<Record<Action, string>> = { refund: 'nothing was refunded', void: 'nothing was voided' };

/** An answer without a transaction result: the request was refused as a whole (E000xx), before any transaction. */
function withoutTransactionResult(answer: CreateTransactionAnswer, action: Action, detail: Detail): ProviderOutcome {
  if (answer.messages.resultCode === 'Ok') return unreadable(action, detail);
  const nothing = NOTHING_DONE[action];
  switch (answer.messages.message[0]?.code) {
    case 'E00007':
      return failed(
        'provider_authentication_failed',
        `Authorize.net rejected this app's API Login ID or Transaction Key, so ${nothing}. Ask a HubSpot admin to check the Authorize.net credentials (live and sandbox keys differ).`,
        detail,
      );
    case 'E00001':
      // "An unexpected system error occurred while processing this request": it may have been processed.
      return unknown('provider_server_error', `Authorize.net had a problem on its side; ${willBeChecked(action)}`, detail);
    default:
      return failed('provider_refused', `Authorize.net refused the request, so ${nothing}. ${KEPT_FOR_ADMIN}`, detail);
  }
}
