import type { PaymentProvider } from '../../../ports/payment-provider';

/**
 * Payments taken offline (cash, cheque, bank transfer): the refund is recorded, not sent. The rep returns
 * the money outside any payment system; the timeline note says so.
 */
export function createManualProvider(): PaymentProvider {
  return {
    name: 'manual',
    describeInvalidTransactionId: () => null,
    describeUnsupportedAmount: () => null,
    async refund(request) {
      return { status: 'succeeded', providerRefundId: `manual-${request.attemptId}` };
    },
    async lookup(request) {
      return { status: 'succeeded', providerRefundId: `manual-${request.attemptId}` };
    },
  };
}
