import type { RefundDeps } from '../refund-deps';

/** The worker's pass (every minute) over requests nobody decided in time (design §5); reads expire them too. */
export async function expireRequests(deps: Pick<RefundDeps, 'ledger' | 'clock' | 'logger'>): Promise<number> {
  const expired = await deps.ledger.expireDue(deps.clock.now(), 500);
  if (expired > 0) deps.logger.info('refund requests expired', { count: expired });
  return expired;
}
