import { attemptId } from '../../domain/ids';
import type { PaymentProviderName } from '../../domain/refund-reason';
import type { PaymentState } from '../../ports/ledger';
import type { AttemptMark } from '../../ports/provider-reports';
import type { RefundDeps } from '../refund-deps';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ledger's payment a provider report names, by whichever of its ids a CRM record gave; for a report that names no
 * payment (an NMI refund), the payment of the attempt its mark names.
 */
export async function findReportedPayment(
  deps: Pick<RefundDeps, 'ledger'>,
  provider: PaymentProviderName,
  paymentIds: readonly string[],
  mark: AttemptMark | null = null,
): Promise<PaymentState | null> {
  for (const providerTransactionId of paymentIds) {
    const payment = await deps.ledger.findPayment({ provider, providerTransactionId });
    if (payment) return payment;
  }
  if (mark?.kind !== 'attempt_id' || !UUID.test(mark.attemptId)) return null;
  const found = await deps.ledger.findAttempt(attemptId(mark.attemptId.toLowerCase()));
  return found && found.attempt.provider === provider ? found.payment : null;
}
