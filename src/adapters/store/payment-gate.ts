import { busyError } from './ledger-errors';

export interface PaymentGateOptions {
  /** reservations of one payment in the database at once; the rest wait here, holding no connection */
  readonly width: number;
  /** a reservation that waited this long answers busy (503 with a retry hint) instead of waiting on */
  readonly maxWaitMs: number;
  /** past this many waiting on one payment, a new one answers busy at once */
  readonly maxQueue: number;
}

interface Waiter {
  readonly admit: () => void;
  readonly timer: NodeJS.Timeout;
}

interface Lane {
  running: number;
  readonly waiting: Waiter[];
}

/**
 * Load shedding for a busy payment (issue 12): reservations of one payment are serialised by its row lock in
 * the database anyway, so only `width` of them go there at once and the others wait in memory. A crowd on one
 * payment then holds neither the pool nor the row lock's queue, the outcomes of refunds already sent get
 * their connections at once, and whoever waits too long is told to retry rather than run into HubSpot's 15 s.
 */
export class PaymentGate {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly options: PaymentGateOptions) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await this.enter(key);
    try {
      return await work();
    } finally {
      this.leave(key);
    }
  }

  private enter(key: string): Promise<void> {
    const lane = this.lanes.get(key) ?? { running: 0, waiting: [] };
    this.lanes.set(key, lane);
    if (lane.running < this.options.width) {
      lane.running += 1;
      return Promise.resolve();
    }
    if (lane.waiting.length >= this.options.maxQueue) return Promise.reject(busyError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          lane.waiting.splice(lane.waiting.indexOf(waiter), 1);
          reject(busyError());
        }, this.options.maxWaitMs),
      };
      lane.waiting.push(waiter);
    });
  }

  private leave(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    const next = lane.waiting.shift();
    if (next) {
      // the slot passes straight to the next waiter
      next.admit();
      return;
    }
    lane.running -= 1;
    if (lane.running === 0) this.lanes.delete(key);
  }
}

