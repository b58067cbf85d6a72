import type { PaymentProviderName } from '../../domain/refund-reason';
import type { RecentCursor } from '../../ports/ledger';
import type { RefundDeps } from '../refund-deps';
import { type PaymentReconciled, reconcilePayment } from './reconcile-payment';

const PAYMENTS_PAGE = 100;

export interface ProviderTally {
  readonly payments: number;
  readonly complete: number;
  readonly partial: number;
  readonly unavailable: number;
  readonly notListable: number;
  /** what this provider could not compare, in words, each said once */
  readonly gaps: readonly string[];
}

export interface ReconcileSummary {
  readonly since: string;
  readonly payments: number;
  readonly lateFailures: number;
  readonly outsideRecorded: number;
  readonly updated: number;
  readonly byProvider: Readonly<Partial<Record<PaymentProviderName, ProviderTally>>>;
}

/**
 * Every payment created or changed since `since` compared with its provider (`npm run cli -- reconcile`, and the
 * server's hourly run): for where webhooks are not set up, or missed a delivery. `onProgress` hears after each payment.
 */
export async function reconcileRecent(deps: RefundDeps, since: Date, onProgress?: (done: number) => void): Promise<ReconcileSummary> {
  const tallies = new Map<PaymentProviderName, { payments: number; complete: number; partial: number; unavailable: number; notListable: number; gaps: Set<string> }>();
  let payments = 0;
  let lateFailures = 0;
  let outsideRecorded = 0;
  let updated = 0;
  let after: RecentCursor | null = null;
  // A payment this run changes moves to the end of the list: it is not compared twice.
  const done = new Set<string>();
  do {
    const page = await deps.ledger.recentPayments(since, PAYMENTS_PAGE, after);
    for (const payment of page.payments) {
      if (done.has(payment.id)) continue;
      done.add(payment.id);
      const result: PaymentReconciled = await reconcilePayment(deps, payment);
      const name = payment.key.provider;
      const tally = tallies.get(name) ?? { payments: 0, complete: 0, partial: 0, unavailable: 0, notListable: 0, gaps: new Set<string>() };
      tallies.set(name, tally);
      tally.payments += 1;
      if (result.listing === 'complete') tally.complete += 1;
      if (result.listing === 'partial') tally.partial += 1;
      if (result.listing === 'unavailable') tally.unavailable += 1;
      if (result.listing === 'not_listable') tally.notListable += 1;
      if (result.why) tally.gaps.add(result.why);
      payments += 1;
      lateFailures += result.lateFailures;
      outsideRecorded += result.outsideRecorded;
      updated += result.updated;
      onProgress?.(payments);
    }
    after = page.next;
  } while (after !== null);
  const byProvider = Object.fromEntries([...tallies].map(([name, tally]) => [name, { ...tally, gaps: [...tally.gaps] }]));
  return { since: since.toISOString(), payments, lateFailures, outsideRecorded, updated, byProvider };
}
