import { randomUUID } from 'node:crypto';
import { type SignedClient, outcomeOf } from '../bench/signed-client';

/** One refund the drill asked for, and what it was told. */
export interface Asked {
  readonly scenario: string;
  readonly instance: string;
  readonly dealId: string;
  readonly idempotencyKey: string;
  /** "201 succeeded", "503 LEDGER_UNAVAILABLE", "no answer (ECONNREFUSED)" … */
  readonly outcome: string;
  readonly attemptId: string | null;
  readonly ms: number;
}

export interface Target {
  readonly name: string;
  readonly client: SignedClient;
}

/** A clock tick of the scenario: it may start or end a fault at a given second. */
export type Tick = (elapsedMs: number) => Promise<void> | void;

/**
 * Refunds at a steady rate for `seconds`, round robin over the instances, half of them on the scenario's busy
 * deal and half on ten deals of their own; the amount is 0.01 to 0.09. Requests are not awaited before the next
 * is sent, as separate reps would not wait for each other.
 */
export async function runLoad(options: {
  readonly scenario: string;
  readonly targets: () => readonly Target[];
  readonly seconds: number;
  readonly perSecond: number;
  readonly busyDeal: string;
  readonly firstDeal: number;
  readonly tick?: Tick;
}): Promise<Asked[]> {
  const asked: Asked[] = [];
  const pending: Promise<void>[] = [];
  const started = Date.now();
  const gapMs = 1000 / options.perSecond;
  for (let n = 0; Date.now() - started < options.seconds * 1000; n += 1) {
    await options.tick?.(Date.now() - started);
    const targets = options.targets();
    const target = targets[n % targets.length];
    if (target) {
      const dealId = n % 2 === 0 ? options.busyDeal : String(options.firstDeal + (n % 10));
      pending.push(refundOnce(options.scenario, target, dealId, `0.0${1 + (n % 9)}`).then((one) => void asked.push(one)));
    }
    const next = started + (n + 1) * gapMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
  }
  await Promise.all(pending);
  return asked;
}

export async function refundOnce(scenario: string, target: Target, dealId: string, amount: string): Promise<Asked> {
  const idempotencyKey = `drill-${randomUUID()}`;
  const sentAt = performance.now();
  try {
    const reply = await target.client.post(`/api/transactions/deals/${dealId}/refunds`, { amount, reason: 'requested_by_customer', note: `Drill ${scenario}`, idempotencyKey });
    const attemptId = (reply.body as { attempt?: { id?: unknown } } | null)?.attempt?.id;
    return { scenario, instance: target.name, dealId, idempotencyKey, outcome: outcomeOf(reply), attemptId: typeof attemptId === 'string' ? attemptId : null, ms: reply.ms };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { scenario, instance: target.name, dealId, idempotencyKey, outcome: `no answer (${code})`, attemptId: null, ms: performance.now() - sentAt };
  }
}
