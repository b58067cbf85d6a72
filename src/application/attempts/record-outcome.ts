import type { RefundAttempt } from '../../domain/attempt';
import type { AttemptChange, ChangeResult } from '../../ports/ledger';
import { deliverJob } from '../crm-write/deliver-job';
import { deliverWhenFree } from '../crm-write/deliver-when-free';
import type { RefundDeps } from '../refund-deps';

/** Who learnt of the change: for the log, since every one of them records it the same way. */
export type ChangeSource = 'sender' | 'resolver' | 'approval' | 'expiry' | 'webhook' | 'reconciliation';

/**
 * The one way an attempt moves on (design §3), whoever learnt of it: through the transition table, the
 * payment's totals kept in the same statement, and the CRM write delivered right after, in the background
 * (the outbox keeps it if that fails).
 */
export async function recordChange(deps: RefundDeps, attempt: Pick<RefundAttempt, 'id'>, change: AttemptChange, source: ChangeSource): Promise<ChangeResult> {
  // The sender's record of its own call: if a database crash loses it, the resolver asks the provider again.
  const lookupRecovers = source === 'sender' && change.kind === 'outcome';
  const result = await deps.ledger.changeAttempt(attempt.id, change, deps.clock.now(), { deliverInline: true, lookupRecovers });
  if (result.kind === 'changed') {
    const { attempt: changed } = result;
    deps.logger.info('refund attempt', {
      attemptId: changed.id,
      kind: changed.kind,
      record: `${changed.transaction.objectType}/${changed.transaction.objectId}`,
      provider: changed.provider,
      from: result.from,
      status: changed.status,
      source,
      failureCode: changed.failure?.code,
      failureDetail: changed.failure?.detail,
    });
    const delivery = result.delivery;
    if (delivery) deps.background.run('crm write-back', () => deliverJob(deps, delivery));
    else if (result.writeWaits) deps.background.run('crm write-back', () => deliverWhenFree(deps, changed.paymentId));
  }
  return result;
}
