import type { Money } from '../../../domain/money';
import { type PayPalContext, callPayPal, isSuccess } from './paypal-call';
import { describeInvalidCaptureId, fromPayPalMoney, getCaptureRequest, readCapture } from './paypal-mapping';

// Payments v2 spec, schema capture_status: COMPLETED, DECLINED, PARTIALLY_REFUNDED, PENDING, REFUNDED, FAILED. The
// capture's `amount` is "the amount for this captured payment"; refunds are resources of their own and leave it as it
// was, so a capture refunded since still tells what it took. PENDING (an eCheck, a review) may still fail; DECLINED and
// FAILED took nothing that can be refunded.
const TAKEN: ReadonlySet<string> = new Set(['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED']);

/**
 * What a PayPal capture took: GET /v2/payments/captures/{capture_id} (Show captured payment details), its `amount` in its
 * own currency once the capture has completed. Anything else, and every error, timeout or unreadable answer, is null.
 */
export async function paidAmount(context: PayPalContext, captureId: string, signal: AbortSignal): Promise<Money | null> {
  if (describeInvalidCaptureId(captureId) !== null || signal.aborted) return null;
  try {
    const answer = await callPayPal(context, signal, getCaptureRequest(captureId));
    if (answer.kind !== 'response' || !isSuccess(answer.status)) return null;
    const capture = readCapture(answer.body);
    if (capture === null || capture.id !== captureId || !TAKEN.has(capture.status ?? '')) return null;
    const paid = fromPayPalMoney(capture.amount);
    return paid !== null && paid.minor > 0n ? paid : null;
  } catch {
    return null;
  }
}
