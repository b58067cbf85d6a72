import type { FakeServers } from './fakes-process';
import type { CoreResults } from './report';
import { runConcurrent, runSequential } from './scenarios';
import type { SignedClient } from './signed-client';

export interface CoreSizes {
  readonly warmup: number;
  readonly sequential: number;
  readonly concurrentTotal: number;
}

export const CONCURRENCY = 50;
export const REFUND_AMOUNT = '10.00';
export const SMALL_AMOUNT = '1.00';

const dealIds = (first: number, count: number) => Array.from({ length: count }, (_, i) => String(first + i));

/**
 * The main measurements on one backend: a warm-up, sequential refunds and reads (calls counted and added
 * latency per request), then 50 clients on their own deals and 50 on one deal. `firstDeal` keeps the deals of
 * two runs on one fake HubSpot apart.
 */
export async function runCore(
  api: SignedClient,
  fakes: FakeServers,
  settle: () => Promise<void>,
  sizes: CoreSizes,
  firstDeal: number,
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>,
): Promise<CoreResults> {
  const warmDeals = dealIds(firstDeal + 1, sizes.warmup);
  const cold = await phase('warm-up', async () => {
    const [first] = await runSequential(api, fakes, 'refund', warmDeals, REFUND_AMOUNT, settle);
    await runSequential(api, fakes, 'read', warmDeals, REFUND_AMOUNT, settle);
    await runConcurrent(api, fakes, { concurrency: CONCURRENCY, total: CONCURRENCY, amount: SMALL_AMOUNT, dealOf: (i) => String(firstDeal + 10_001 + i) });
    // The write-backs of the concurrent warm-up must not land in the first measured requests.
    await settle();
    return first;
  });
  const measuredDeals = dealIds(firstDeal + 20_001, sizes.sequential);
  const refunds = await phase(`${sizes.sequential} sequential refunds`, () => runSequential(api, fakes, 'refund', measuredDeals, REFUND_AMOUNT, settle));
  // The first read of a payment asks the provider what it took and records it once (design §3); the card reads
  // again after every refund, and those reads are what a rep waits for most.
  const firstReads = await phase(`${sizes.sequential} first reads`, () => runSequential(api, fakes, 'read', measuredDeals, REFUND_AMOUNT, settle));
  const reads = await phase(`${sizes.sequential} sequential reads`, () => runSequential(api, fakes, 'read', measuredDeals, REFUND_AMOUNT, settle));
  const ownDeals = await phase(`${sizes.concurrentTotal} concurrent refunds, own deals`, () =>
    runConcurrent(api, fakes, { concurrency: CONCURRENCY, total: sizes.concurrentTotal, amount: SMALL_AMOUNT, dealOf: (i) => String(firstDeal + 30_001 + i) }),
  );
  await settle();
  const sameDeal = await phase(`${sizes.concurrentTotal} concurrent refunds, one deal`, () =>
    runConcurrent(api, fakes, { concurrency: CONCURRENCY, total: sizes.concurrentTotal, amount: SMALL_AMOUNT, dealOf: () => String(firstDeal + 40_001) }),
  );
  await settle();
  return { cold: cold ?? refunds[0]!, refunds, firstReads, reads, ownDeals, sameDeal, sameDealNote: `${sizes.concurrentTotal} × ${SMALL_AMOUNT} USD` };
}
