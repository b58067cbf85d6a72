import { createManualProvider } from '../../../src/adapters/providers/manual/manual-provider';
import type { ContractDriver } from '../contract-driver';

const NOT_SENT = 'manual refunds are recorded, not sent: no payment system can refuse, decline or time out';

/** Offline payments: nothing goes over the network, so nock must see nothing at all. */
export const driver: ContractDriver = {
  name: 'manual',
  payment: { transactionId: 'cheque-000417', currency: 'USD', amount: '100.00', cardLast4: null },
  createProvider: () => createManualProvider(),
  acceptRefund: () => undefined,
  refuseOverRefund: () => undefined,
  declineRefund: () => undefined,
  neverAnswer: () => undefined,
  lookupFinds: () => undefined,
  lookupFindsBeyondFirstPage: () => undefined,
  lookupCutOff: () => undefined,
  refundIdOf: (call) => `manual-${call.attemptId}`,
  skips: {
    'over-refund refused': `${NOT_SENT} (the engine's own check still runs in "several partials up to the total")`,
    'decline recorded': NOT_SENT,
    'timeout, then resolved by lookup': NOT_SENT,
    "refund beyond the first page of the provider's list": `${NOT_SENT}, and nothing is ever looked up`,
    'list cut off before its end stays unknown': `${NOT_SENT}, and nothing is ever looked up`,
    'void where allowed': 'an offline payment has nothing to void: it is refunded outside any payment system',
    'a late failure': `${NOT_SENT}: there is no provider to report anything afterwards`,
    'a refund made outside': 'money returned offline outside the app is not known to any system the app can ask',
  },
};
