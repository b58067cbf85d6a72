import nock from 'nock';
import type { ProviderOutcome } from '../../../src/ports/payment-provider';
import { lookupRequest, provider, summary, takeLeftovers } from './authorize-net-nock';

/* What the lookup tests share: a fixed clock (the batch search sends dates), an attempt made 16 hours before it. */

export const NOW = new Date('2026-03-04T12:00:00Z');
export const CREATED = new Date('2026-03-03T20:00:00Z');
/** CREATED less the 15 minutes allowed for clock differences */
export const SEARCH_FROM = '2026-03-03T19:45:00Z';

/** Registers the clock for each test, and the check that every interceptor was used and nothing else was asked. */
export function useLookupClock(): void {
  beforeEach(() => {
    // Only the clock is fixed; timers stay real for nock's delays and our deadline.
    jest.useFakeTimers({
      now: NOW,
      doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
    });
  });
  afterEach(() => {
    jest.useRealTimers();
    const leftovers = takeLeftovers();
    nock.cleanAll();
    expect(leftovers).toEqual({ pending: [], unmatched: [] });
  });
}

/** The lookup of the attempt made at CREATED. */
export const lookup = (changes: Parameters<typeof lookupRequest>[0] = {}): Promise<ProviderOutcome> =>
  provider().lookup(lookupRequest({ createdAt: CREATED, ...changes }));

export const otherPayment = summary({ transId: '60123400001', transactionStatus: 'capturedPendingSettlement', invoiceNumber: 'INV-1001' });
