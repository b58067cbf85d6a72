import type { PaymentId } from '../../domain/ids';
import { type CrmWriteDeps, deliverJob } from './deliver-job';

export interface SyncReport {
  readonly delivered: number;
  readonly failed: number;
}

/**
 * A job is claimed for this long; jobs are claimed one at a time, so a lease only has to cover one job's few
 * HubSpot calls, and the writes of an instance that died are taken over within seconds.
 */
export const OUTBOX_LEASE_MS = 15_000;

/** Delivers the CRM writes that are due (the outbox worker, `sync-crm`, and the catch-up after an outage). */
export async function syncCrm(deps: CrmWriteDeps, options: { paymentId?: PaymentId; limit?: number } = {}): Promise<SyncReport> {
  let delivered = 0;
  let failed = 0;
  for (let n = 0; n < (options.limit ?? 50); n += 1) {
    const [job] = await deps.outbox.claimDue(deps.clock.now(), 1, OUTBOX_LEASE_MS, options.paymentId);
    if (!job) break;
    if ((await deliverJob(deps, job)) === 'delivered') delivered += 1;
    else failed += 1;
  }
  return { delivered, failed };
}
