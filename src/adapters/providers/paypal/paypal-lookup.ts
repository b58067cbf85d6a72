import type { ProviderLookupRequest, ProviderOutcome } from '../../../ports/payment-provider';
import { type PayPalContext, callPayPal, isSuccess, refundAnswerOutcome } from './paypal-call';
import { errorAnswerOutcome, unreadableAnswerOutcome } from './paypal-errors';
import {
  captureRefundRequest,
  describeInvalidCaptureId,
  fromPayPalMoney,
  getCaptureRequest,
  getRefundRequest,
  readCapture,
} from './paypal-mapping';

// Payments v2 spec, parameter PayPal-Request-Id: "The server stores keys for 45 days." One day is kept in hand.
const REPLAY_WINDOW_MS = 44 * 24 * 60 * 60 * 1000;

/**
 * What became of an attempt. With PayPal's refund id: GET /v2/payments/refunds/{id}. Without one (the refund call
 * went unanswered): the capture lists no refunds (Payments v2 spec, schema capture-2: amount, status and links only),
 * so the refund is sent again, byte for byte, with the same PayPal-Request-Id. PayPal then "returns the latest status
 * of the previous request that used that same header" (https://developer.paypal.com/api/rest/reference/idempotency/),
 * which is PayPal's documented way to resolve "requests with unclear responses". If PayPal never received the first
 * one, it carries this one out now: the refund the rep asked for, still at most once.
 */
export async function lookup(context: PayPalContext, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  if (request.kind === 'void') {
    return {
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'PayPal cannot void a captured payment and this app never asks it to, so nothing was voided.',
        detail: { kind: 'void' },
      },
    };
  }
  const invalid = describeInvalidCaptureId(request.providerTransactionId);
  if (invalid !== null) return { status: 'unknown', failure: { code: 'invalid_transaction_id', message: invalid } };
  if (request.providerRefundId !== null) {
    return refundAnswerOutcome('lookup', await callPayPal(context, request.signal, getRefundRequest(request.providerRefundId)));
  }
  return resendRefund(context, request);
}

async function resendRefund(context: PayPalContext, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  const ageMs = context.now() - request.createdAt.getTime();
  if (ageMs > REPLAY_WINDOW_MS) {
    return {
      status: 'unknown',
      failure: {
        code: 'lookup_window_passed',
        message:
          'PayPal only remembers a refund request for 45 days, so this one can no longer be checked safely from here. Look for the refund on the payment in PayPal and record what you find.',
        detail: { paypal_request_id: request.idempotencyKey, created_at: request.createdAt.toISOString() },
      },
    };
  }
  const captured = await callPayPal(context, request.signal, getCaptureRequest(request.providerTransactionId));
  if (captured.kind !== 'response') return refundAnswerOutcome('lookup', captured);
  if (!isSuccess(captured.status)) return errorAnswerOutcome('lookup', captured.status, captured.body, captured.debugId);
  const capture = readCapture(captured.body);
  if (capture === null) return unreadableAnswerOutcome(captured.status, captured.debugId);
  // The first request went out empty when it refunded the whole payment (the ledger's isFullAmount); the capture's
  // amount is what the ledger calls paid, so the same body is sent again.
  const paid = fromPayPalMoney(capture.amount);
  const full = paid !== null && paid.currency === request.amount.currency && paid.minor === request.amount.minor;
  const built = captureRefundRequest({
    captureId: request.providerTransactionId,
    attemptId: request.attemptId,
    idempotencyKey: request.idempotencyKey,
    amount: request.amount,
    full,
  });
  if (!built.ok) return { status: 'unknown', failure: built.failure };
  return refundAnswerOutcome('lookup', await callPayPal(context, request.signal, built.request));
}
