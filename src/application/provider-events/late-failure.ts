import type { ProviderOutcome } from '../../ports/payment-provider';

type Failed = Extract<ProviderOutcome, { status: 'failed' }>;

/**
 * A refund reported successful that the provider now reports failed (design §3, `succeeded → failed`): the money did not
 * reach the customer and the amount is refundable again. The message is ours (the provider's own words stay in the
 * detail, for the operator) and says what to do.
 */
export function lateFailure(outcome: Failed, providerLabel: string): Failed {
  return {
    status: 'failed',
    providerRefundId: outcome.providerRefundId,
    failure: {
      code: 'refund_failed_late',
      message: `This refund had been reported successful, then ${providerLabel} reported that it failed: ${outcome.failure.message} The money did not reach the customer and the amount can be refunded again: refund again, or return the money another way (for example by bank transfer) and note it on the record.`,
      detail: { ...outcome.failure.detail, provider_failure_code: outcome.failure.code },
    },
  };
}
