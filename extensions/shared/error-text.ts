import { type ApiError, isKnownCode } from './api-error';
import { formatMoney } from './money-format';
import { unreachable } from './labels';

/** A short title for an error; the body is always the backend's own message, written for the rep. */
export function errorTitle(error: ApiError): string {
  if (!isKnownCode(error.code)) return 'The refund service refused this';
  switch (error.code) {
    case 'INVALID_REQUEST':
      return 'The refund service refused the request';
    case 'INVALID_SIGNATURE':
      return 'HubSpot could not confirm who you are';
    case 'NOT_PERMITTED':
      return 'You are not allowed to do this';
    case 'TRANSACTION_NOT_FOUND':
    case 'NOT_FOUND':
      return 'No payment found for this record';
    case 'ATTEMPT_NOT_FOUND':
      return 'This request no longer exists';
    case 'ATTEMPT_NOT_AWAITING_APPROVAL':
      return 'This request was already decided';
    case 'INVALID_POLICY':
      return 'The refund policy has problems';
    case 'POLICY_VERSION_CONFLICT':
      return 'Someone else saved the refund policy meanwhile';
    case 'POLICY_LOCKED':
      return "The refund policy is pinned by the service's configuration";
    case 'IDEMPOTENCY_KEY_REUSED':
      return 'This form already sent a different request';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'The refund service could not read the request';
    case 'AMOUNT_EXCEEDS_REFUNDABLE':
      return 'That is more than is left to refund';
    case 'TRANSACTION_NOT_REFUNDABLE':
      return 'This payment cannot be refunded';
    case 'PROVIDER_NOT_CONFIGURED':
      return 'This payment provider is not set up';
    case 'PROVIDER_UNAVAILABLE':
      return 'The payment provider is not answering right now';
    case 'CRM_UNAVAILABLE':
      return 'HubSpot is not answering right now';
    case 'LEDGER_UNAVAILABLE':
      return 'The refund service is busy or down for a moment';
    case 'INTERNAL':
      return 'Something went wrong on our side';
    case 'NO_ANSWER':
      return 'No answer from the refund service';
    case 'BAD_RESPONSE':
      return 'Unexpected answer from the refund service';
    default:
      return unreachable(error.code);
  }
}

/** What the card adds to the backend's message: the figures in `details`, and what to do next. */
export function errorHint(error: ApiError, currency: string | null, locale: string | undefined): string | null {
  const money = (value: unknown) => (typeof value === 'string' && currency ? formatMoney(value, currency, locale) : null);
  switch (error.code) {
    case 'AMOUNT_EXCEEDS_REFUNDABLE': {
      const refundable = money(error.details?.refundable);
      return refundable ? `Still refundable: ${refundable}. Go back and change the amount.` : 'Go back and change the amount.';
    }
    case 'NOT_PERMITTED': {
      const limit = money(error.details?.maxRefundAmount);
      return limit ? `You may refund up to ${limit} here.` : null;
    }
    case 'IDEMPOTENCY_KEY_REUSED':
      return 'Close this form and open a new one to send a different refund.';
    default:
      return null;
  }
}
