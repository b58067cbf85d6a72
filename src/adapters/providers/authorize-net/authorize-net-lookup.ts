import { assertNever } from '../../../domain/assert-never';
import type { ProviderLookupRequest, ProviderOutcome } from '../../../ports/payment-provider';
import { describeInvalidTransactionId, isTransactionId } from './authorize-net-checks';
import { type Detail, failed, lookupInconclusive as inconclusive, unknown } from './authorize-net-errors';
import { searchList } from './authorize-net-list-search';
import { type Api, batchTransactions, settledBatches, transactionDetails, unsettledTransactions } from './authorize-net-reporting';
import { attemptToken } from './authorize-net-requests';
import { knownStatus, paymentStateOf, refundOutcomeOf } from './authorize-net-statuses';

/*
 * Authorize.net has no idempotency key; our attempt's token is the refund's invoice number. A refund stays in the
 * unsettled list until the daily settlement, then sits in that day's batch. A refund not found in the unsettled list
 * nor in any batch settled since the attempt began never arrived, provided that every list was read to its end and
 * the attempt is old enough for a request still on the wire to have landed. Otherwise the answer stays `unknown`.
 */

/** A request sent before our timeout may still be processed a moment later; Authorize.net answers within seconds. */
const IN_FLIGHT_MS = 5 * 60 * 1000;
/** Our clock and Authorize.net's may differ a little: batches are searched from this much before the attempt. */
const CLOCK_SKEW_MS = 15 * 60 * 1000;
// getSettledBatchListRequest takes a range of at most 31 days
// (https://developer.authorize.net/api/reference/index.html#transaction-reporting-get-settled-batch-list).
const BATCH_RANGE_MS = 31 * 24 * 60 * 60 * 1000;
/** Daily batches, one per market type: a week of them at most before the search gives up. */
const MAX_BATCHES = 14;

export async function lookup(api: Api, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  if (!isTransactionId(request.providerTransactionId)) {
    const message = describeInvalidTransactionId(request.providerTransactionId) ?? 'This is not an Authorize.net transaction id.';
    return unknown('invalid_transaction_id', message, {});
  }
  switch (request.kind) {
    case 'refund':
      return request.providerRefundId === null ? searchRefund(api, request) : knownRefund(api, request, request.providerRefundId);
    case 'void':
      return voidedOrNot(api, request);
    default:
      return assertNever(request.kind);
  }
}

async function knownRefund(api: Api, request: ProviderLookupRequest, refundId: string): Promise<ProviderOutcome> {
  const looked = await transactionDetails(api, refundId, request.signal);
  if (looked.kind === 'unavailable') return inconclusive('refund', looked.reason, { ...looked.detail, searched: refundId });
  const found = looked.value;
  return (
    refundOutcomeOf(found.transId, found.transactionStatus, { searched: refundId }) ??
    inconclusive('refund', `transaction ${refundId} is ${found.transactionStatus}, which is not a refund status.`, { searched: refundId })
  );
}

async function searchRefund(api: Api, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  const token = attemptToken(request.attemptId);
  const detail: Detail = { invoice_number: token };
  const unsettled = await searchList((page) => unsettledTransactions(api, page, request.signal), token, 'the list of unsettled transactions', detail);
  if (unsettled.kind === 'found') return unsettled.outcome;
  if (unsettled.kind === 'incomplete') return inconclusive('refund', unsettled.reason, { ...detail, ...unsettled.detail });

  const now = Date.now();
  const since = new Date(request.createdAt.getTime() - CLOCK_SKEW_MS);
  if (now - request.createdAt.getTime() < IN_FLIGHT_MS) return inconclusive('refund', 'the refund was sent only moments ago and may still be processing.', detail);
  if (now - since.getTime() > BATCH_RANGE_MS) return inconclusive('refund', 'the attempt is too old to search automatically; check the payment in the Merchant Interface.', detail);

  const batches = await settledBatches(api, since, new Date(now), request.signal);
  if (batches.kind === 'unavailable') return inconclusive('refund', batches.reason, { ...detail, ...batches.detail });
  if (batches.value.length > MAX_BATCHES) return inconclusive('refund', 'too many settlements happened since; check the payment in the Merchant Interface.', detail);
  for (const { batchId } of batches.value) {
    const inBatch = { ...detail, batch_id: batchId };
    const settled = await searchList((page) => batchTransactions(api, batchId, page, request.signal), token, `settlement batch ${batchId}`, inBatch);
    if (settled.kind === 'found') return settled.outcome;
    if (settled.kind === 'incomplete') return inconclusive('refund', settled.reason, { ...inBatch, ...settled.detail });
  }
  return failed('not_received_by_provider', 'Authorize.net has no refund for this attempt: nothing was refunded. You can refund again.', {
    ...detail,
    searched: `unsettled transactions and ${batches.value.length} settlement batch(es) since ${since.toISOString()}`,
  });
}

/** A void changes the payment itself: it shows as `voided`, or it did not happen. */
async function voidedOrNot(api: Api, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  const paymentId = request.providerTransactionId;
  const detail: Detail = { searched: paymentId };
  const looked = await transactionDetails(api, paymentId, request.signal);
  if (looked.kind === 'unavailable') return inconclusive('void', looked.reason, { ...detail, ...looked.detail });
  const status = knownStatus(looked.value.transactionStatus);
  if (status === null) return inconclusive('void', `the payment's status "${looked.value.transactionStatus}" is not one this app knows.`, detail);
  const withStatus = { ...detail, transaction_status: status };
  const state = paymentStateOf(status);
  switch (state) {
    case 'voided':
      return { status: 'succeeded', providerRefundId: paymentId };
    case 'unsettled':
      return Date.now() - request.createdAt.getTime() < IN_FLIGHT_MS
        ? inconclusive('void', 'the void was sent only moments ago and may still be processing.', withStatus)
        : failed('not_received_by_provider', 'Authorize.net has not voided this payment: nothing was cancelled. You can void it again.', withStatus);
    case 'settled':
    case 'settling':
      return failed('payment_settled', 'The payment settled without being voided, so nothing was cancelled. Refund it instead.', withStatus);
    case 'refund':
    case 'not_charged':
    case 'held':
    case 'disputed':
    case 'troubled':
      return inconclusive('void', `the payment is ${status} at Authorize.net.`, withStatus);
    default:
      return assertNever(state);
  }
}
