import type { PaymentId } from '../../domain/ids';
import { CRM_WRITE_LEASE_MS } from '../../ports/crm-outbox';
import type { CrmWriteDeps } from './deliver-job';
import { syncCrm } from './sync-crm';

const FIRST_WAIT_MS = 50;
const LONGEST_WAIT_MS = 400;

/**
 * A change's CRM write queued behind another write of the same attempt (one at a time, or two tries could each make
 * its note): delivered as soon as that one is done, rather than at the worker's next run. Gives up to the worker
 * after two leases, which a write that is still alive keeps extending.
 */
export async function deliverWhenFree(deps: CrmWriteDeps, paymentId: PaymentId): Promise<void> {
  const until = Date.now() + 2 * CRM_WRITE_LEASE_MS;
  for (let waitMs = FIRST_WAIT_MS; Date.now() < until; waitMs = Math.min(2 * waitMs, LONGEST_WAIT_MS)) {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    const run = await syncCrm(deps, { paymentId, limit: 5 });
    if (run.delivered + run.failed > 0) return;
  }
}
