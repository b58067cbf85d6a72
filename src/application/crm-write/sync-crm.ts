import type { PaymentId } from '../../domain/ids';
import { CRM_WRITE_LEASE_MS, type OutboxJob } from '../../ports/crm-outbox';
import { type CrmWriteDeps, deliverJob } from './deliver-job';

/** Jobs one run delivers at most, unless asked for more. */
export const CRM_SYNC_BATCH = 50;

export interface SyncReport {
  readonly delivered: number;
  readonly failed: number;
}

/**
 * Delivers the CRM writes that are due (the outbox worker, `sync-crm`, and the catch-up after an outage).
 * Jobs that failed only because HubSpot was unavailable back off one by one, up to 15 minutes; so that an outage
 * is not followed by minutes of waiting, a run with nothing due tries one of them early, and one of them that
 * goes through makes all of them due at once.
 */
export async function syncCrm(deps: CrmWriteDeps, options: { paymentId?: PaymentId; limit?: number } = {}): Promise<SyncReport> {
  const limit = options.limit ?? CRM_SYNC_BATCH;
  let delivered = 0;
  let failed = 0;
  let hubspotBack = false;
  const deliver = async (job: OutboxJob) => {
    if ((await deliverJob(deps, job)) === 'delivered') {
      delivered += 1;
      if (job.wasWaiting) hubspotBack = true;
    } else {
      failed += 1;
    }
  };
  const deliverDue = async () => {
    while (delivered + failed < limit) {
      const [job] = await deps.outbox.claimDue(deps.clock.now(), 1, CRM_WRITE_LEASE_MS, options.paymentId);
      if (!job) return;
      await deliver(job);
    }
  };

  await deliverDue();
  if (delivered + failed === 0 && options.paymentId === undefined) {
    const probe = await deps.outbox.claimWaiting(deps.clock.now(), CRM_WRITE_LEASE_MS);
    if (probe) await deliver(probe);
  }
  if (hubspotBack && (await deps.outbox.wakeWaiting(deps.clock.now())) > 0) await deliverDue();
  return { delivered, failed };
}
