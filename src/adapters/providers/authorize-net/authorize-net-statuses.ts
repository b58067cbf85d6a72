import { assertNever } from '../../../domain/assert-never';
import type { ProviderOutcome, Settlement } from '../../../ports/payment-provider';
import { type Detail, failed } from './authorize-net-errors';
import type { TransactionDetails } from './authorize-net-responses';

// AnetApiSchema.xsd transactionStatusEnum (the response fields are typed xs:string, so others are possible).
export const TRANSACTION_STATUSES = [
  'authorizedPendingCapture', 'capturedPendingSettlement', 'communicationError', 'refundSettledSuccessfully',
  'refundPendingSettlement', 'approvedReview', 'declined', 'couldNotVoid', 'expired', 'generalError',
  'pendingFinalSettlement', 'pendingSettlement', 'failedReview', 'settledSuccessfully', 'settlementError',
  'underReview', 'updatingSettlement', 'voided', 'FDSPendingReview', 'FDSAuthorizedPendingReview', 'returnedItem',
  'chargeback', 'chargebackReversal', 'authorizedPendingRelease',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export function knownStatus(status: string): TransactionStatus | null {
  return (TRANSACTION_STATUSES as readonly string[]).includes(status) ? (status as TransactionStatus) : null;
}

/** What a status says about the payment itself: still voidable, settled, or something else worth a sentence. */
export type PaymentState = 'unsettled' | 'settled' | 'settling' | 'refund' | 'voided' | 'not_charged' | 'held' | 'disputed' | 'troubled';

export function paymentStateOf(status: TransactionStatus): PaymentState {
  switch (status) {
    case 'authorizedPendingCapture':
    case 'capturedPendingSettlement':
      return 'unsettled';
    case 'settledSuccessfully':
      return 'settled';
    case 'pendingFinalSettlement':
    case 'pendingSettlement':
    case 'updatingSettlement':
      return 'settling';
    case 'refundSettledSuccessfully':
    case 'refundPendingSettlement':
      return 'refund';
    case 'voided':
      return 'voided';
    case 'declined':
    case 'expired':
    case 'failedReview':
      return 'not_charged';
    case 'FDSPendingReview':
    case 'FDSAuthorizedPendingReview':
    case 'underReview':
    case 'approvedReview':
    case 'authorizedPendingRelease':
      return 'held';
    case 'returnedItem':
    case 'chargeback':
    case 'chargebackReversal':
      return 'disputed';
    case 'couldNotVoid':
    case 'generalError':
    case 'communicationError':
    case 'settlementError':
      return 'troubled';
    default:
      return assertNever(status);
  }
}

/** The payment's status → whether it can still be voided (voids.settlement). */
export function settlementOf(details: TransactionDetails): Settlement {
  const status = knownStatus(details.transactionStatus);
  if (status === null) {
    return { state: 'unknown', reason: `Authorize.net reports a status this app does not know ("${details.transactionStatus}"). Check the payment in the Merchant Interface.` };
  }
  const state = paymentStateOf(status);
  switch (state) {
    case 'unsettled':
      return { state: 'unsettled' };
    case 'settled':
      return { state: 'settled' };
    case 'settling':
      return { state: 'unknown', reason: 'Authorize.net is settling this payment right now, so it can no longer be voided. Refund it once settlement completes, usually within a few hours.' };
    case 'refund':
      return { state: 'unknown', reason: 'This transaction id is a refund at Authorize.net, not a payment. Put the id of the original payment on the record.' };
    case 'voided':
      return { state: 'unknown', reason: 'This payment was already voided at Authorize.net: nothing was charged, so there is nothing to refund.' };
    case 'not_charged':
      return { state: 'unknown', reason: `Authorize.net has this payment as ${status}: nothing was charged, so there is nothing to refund.` };
    case 'held':
      return { state: 'unknown', reason: "Authorize.net's fraud filters are holding this payment for review. Approve or decline it in the Merchant Interface first." };
    case 'disputed':
      return { state: 'unknown', reason: `This payment has a ${status} at Authorize.net. Handle it in the Merchant Interface rather than refunding.` };
    case 'troubled':
      return { state: 'unknown', reason: `Authorize.net reports this payment as ${status}. Check it in the Merchant Interface before refunding.` };
    default:
      return assertNever(state);
  }
}

const HELD_MESSAGE = "Authorize.net's fraud filters are holding the refund for review; it goes through once someone approves it in the Merchant Interface.";

/**
 * A transaction found carrying our attempt's invoice number (only refunds carry one) → the attempt's outcome, or null
 * when its status does not belong to a refund and nothing can be concluded.
 */
export function refundOutcomeOf(transId: string, rawStatus: string, detail: Detail): ProviderOutcome | null {
  const status = knownStatus(rawStatus);
  if (status === null) return null;
  switch (status) {
    case 'refundPendingSettlement':
    case 'refundSettledSuccessfully':
    case 'pendingFinalSettlement':
    case 'pendingSettlement':
    case 'updatingSettlement':
      return { status: 'succeeded', providerRefundId: transId };
    case 'FDSPendingReview':
    case 'FDSAuthorizedPendingReview':
    case 'underReview':
    case 'approvedReview':
      return { status: 'pending', providerRefundId: transId, message: HELD_MESSAGE };
    case 'declined':
    case 'failedReview':
    case 'voided':
    case 'expired':
    case 'couldNotVoid':
    case 'generalError':
    case 'communicationError':
    case 'settlementError':
      return failed(
        'refund_not_completed',
        `Authorize.net has this refund as ${status}: no money went back to the customer. Start a new refund if one is still owed.`,
        { ...detail, trans_id: transId, transaction_status: status },
        transId,
      );
    case 'authorizedPendingCapture':
    case 'capturedPendingSettlement':
    case 'settledSuccessfully':
    case 'returnedItem':
    case 'chargeback':
    case 'chargebackReversal':
    case 'authorizedPendingRelease':
      return null;
    default:
      return assertNever(status);
  }
}

// Refunds are linked to payments settled in the last 120 days, unless the merchant has Expanded Credit-Return
// Capabilities (https://www.authorize.net/content/dam/authorize/documents/ecc.pdf).
const REFUND_WINDOW_MS = 120 * 24 * 60 * 60 * 1000;

/**
 * Error 54 covers several refusals: the payment has not settled, or it settled more than 120 days ago, among others
 * (https://community.developer.authorize.net/t5/Integration-and-Testing/Refund-transaction-error-code-quot-6-quot-and-error-message-quot/td-p/54306).
 * The payment's details, when they could be read, tell which.
 */
export function notRefundableOutcome(details: TransactionDetails | null, now: Date, detail: Detail): ProviderOutcome {
  const status = details ? knownStatus(details.transactionStatus) : null;
  const settledAt = details?.batch?.settlementTimeUTC ? new Date(details.batch.settlementTimeUTC) : null;
  const withStatus = status ? { ...detail, transaction_status: status } : detail;
  if (status !== null && paymentStateOf(status) === 'unsettled') {
    return failed(
      'payment_not_settled',
      'Authorize.net has not settled this payment yet, so it cannot be refunded and nothing was refunded. Either void the whole transaction now, or refund after settlement (usually within 24 hours).',
      withStatus,
    );
  }
  if (status === 'settledSuccessfully' && settledAt && !Number.isNaN(settledAt.getTime()) && now.getTime() - settledAt.getTime() > REFUND_WINDOW_MS) {
    const day = settledAt.toISOString().slice(0, 10);
    return failed(
      'refund_window_passed',
      `Authorize.net only refunds payments within 120 days of settlement, and this one settled on ${day}; nothing was refunded. Refund the customer another way (for example by cheque or bank transfer) and note it on the record.`,
      { ...withStatus, settled_at: details?.batch?.settlementTimeUTC ?? '' },
    );
  }
  return failed(
    'payment_not_refundable',
    'Authorize.net refused: it only refunds card payments that have settled, within 120 days of settlement, so nothing was refunded. If the payment has not settled yet: void the whole transaction now, or refund after settlement (usually within 24 hours). If it settled more than 120 days ago: refund the customer another way (for example by cheque or bank transfer) and note it on the record.',
    withStatus,
  );
}
