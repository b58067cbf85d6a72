import type pg from 'pg';
import { formatMinor } from '../../src/domain/money';
import type { HubSpotState } from '../bench/fake-hubspot';
import type { StripeState } from '../bench/fake-stripe';
import type { Asked } from './drill-load';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

interface LedgerAttempt {
  readonly id: string;
  readonly idempotency_key: string;
  readonly status: string;
  readonly amount_minor: bigint;
  readonly provider_refund_id: string | null;
  readonly provider_transaction_id: string;
}

interface LedgerPayment {
  readonly provider_transaction_id: string;
  readonly paid_minor: bigint;
  readonly refunded_minor: bigint;
  readonly in_flight_minor: bigint;
  readonly held_minor: bigint;
}

const HUBSPOT_LIMIT_MS = 15_000;

/**
 * The design's invariants (§3), checked against the stand-ins after the attempts are resolved: the fake Stripe
 * holds the money's truth, the fake HubSpot the CRM's. Each check names what it found wrong, a few examples at most.
 */
export async function checkInvariants(db: pg.Client, asked: readonly Asked[], stripe: StripeState, hubspot: HubSpotState): Promise<Check[]> {
  // int8 arrives as text from a plain pg client; amounts become bigint here, never a number
  const attempts = (
    await db.query<Record<keyof LedgerAttempt, string>>(`SELECT id::text, idempotency_key, status, amount_minor::text, provider_refund_id, provider_transaction_id
      FROM refund_attempts WHERE provider = 'stripe'`)
  ).rows.map((row): LedgerAttempt => ({ ...row, amount_minor: BigInt(row.amount_minor) }));
  const payments = (
    await db.query<Record<keyof LedgerPayment, string>>(`SELECT provider_transaction_id, paid_minor::text, refunded_minor::text, in_flight_minor::text, held_minor::text
      FROM payments WHERE provider = 'stripe'`)
  ).rows.map((row): LedgerPayment => ({
    provider_transaction_id: row.provider_transaction_id,
    paid_minor: BigInt(row.paid_minor),
    refunded_minor: BigInt(row.refunded_minor),
    in_flight_minor: BigInt(row.in_flight_minor),
    held_minor: BigInt(row.held_minor),
  }));
  const undelivered = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM crm_outbox WHERE delivered_at IS NULL')).rows[0]?.n ?? 0);
  const byId = new Map(attempts.map((attempt) => [attempt.id, attempt]));
  const byKey = new Map(attempts.map((attempt) => [attempt.idempotency_key, attempt]));
  const stripeRefunds = Object.entries(stripe).flatMap(([paymentId, made]) => made.refunds.map((refund) => ({ ...refund, paymentId })));
  const stripeByAttempt = new Map<string, typeof stripeRefunds>();
  for (const refund of stripeRefunds) stripeByAttempt.set(refund.attemptId ?? '', [...(stripeByAttempt.get(refund.attemptId ?? '') ?? []), refund]);
  const stripeTotal = (paymentId: string) => (stripe[paymentId]?.refunds ?? []).reduce((sum, refund) => sum + BigInt(refund.amount), 0n);
  const checks: Check[] = [];
  const check = (name: string, problems: readonly string[], summary: string) =>
    checks.push({ name, ok: problems.length === 0, detail: problems.length === 0 ? summary : `${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}` });

  check(
    'never more than paid',
    [
      ...Object.entries(stripe).filter(([id, made]) => stripeTotal(id) > BigInt(made.received)).map(([id]) => `Stripe refunded more than ${id} received`),
      ...payments.filter((p) => p.refunded_minor + p.in_flight_minor + p.held_minor > p.paid_minor).map((p) => `the ledger commits more than ${p.provider_transaction_id} was paid`),
    ],
    `${payments.length} payments, none over`,
  );
  check(
    'never twice',
    [...stripeByAttempt].filter(([, made]) => made.length > 1).map(([attempt, made]) => `attempt ${attempt} refunded ${made.length} times at Stripe`),
    `${stripeRefunds.length} Stripe refunds, one per attempt`,
  );
  check(
    'record first',
    stripeRefunds.filter((refund) => !refund.attemptId || !byId.has(refund.attemptId)).map((refund) => `Stripe refund ${refund.id} has no attempt in the ledger`),
    'every Stripe refund was recorded before it was sent',
  );
  const stillOpen = attempts.filter((attempt) => attempt.status === 'pending' || attempt.status === 'unknown');
  check('nothing left in flight', stillOpen.map((attempt) => `${attempt.id} is still ${attempt.status}`), `${attempts.length} attempts, all settled`);
  const mismatched = [
    ...attempts
      .filter((attempt) => attempt.status === 'succeeded')
      .filter((attempt) => {
        const made = stripeByAttempt.get(attempt.id)?.[0];
        return !made || made.id !== attempt.provider_refund_id || BigInt(made.amount) !== attempt.amount_minor;
      })
      .map((attempt) => `succeeded attempt ${attempt.id} does not match a Stripe refund`),
    ...stripeRefunds.filter((refund) => refund.attemptId && byId.get(refund.attemptId)?.status !== 'succeeded').map((refund) => `Stripe refund ${refund.id} is ${byId.get(refund.attemptId ?? '')?.status ?? 'missing'} in the ledger`),
    ...payments
      .filter((p) => p.refunded_minor !== stripeTotal(p.provider_transaction_id))
      .map((p) => `${p.provider_transaction_id}: ledger ${p.refunded_minor} refunded, Stripe ${stripeTotal(p.provider_transaction_id)}`),
  ];
  check('the ledger agrees with Stripe', mismatched, 'every payment’s refunded total equals Stripe’s');
  const dishonest = asked.flatMap((one) => {
    const attempt = byKey.get(one.idempotencyKey);
    const refunded = attempt !== undefined && (stripeByAttempt.get(attempt.id)?.length ?? 0) > 0;
    if (one.outcome === '201 succeeded' && attempt?.status !== 'succeeded') return [`told succeeded, ledger ${attempt?.status ?? 'has nothing'} (${one.idempotencyKey})`];
    if (/^(4\d\d|503) /.test(one.outcome) && refunded) return [`told ${one.outcome}, yet Stripe refunded it (${one.idempotencyKey})`];
    if (/ failed$/.test(one.outcome) && refunded) return [`told failed, yet Stripe refunded it (${one.idempotencyKey})`];
    if (/^500/.test(one.outcome)) return [`answered ${one.outcome}`];
    return [];
  });
  check('answers tell the truth', dishonest, `${asked.length} answers, none contradicted by Stripe, no 500`);
  const late = asked.filter((one) => one.ms > HUBSPOT_LIMIT_MS);
  check('answers within 15 s', late.map((one) => `${one.outcome} after ${(one.ms / 1000).toFixed(1)} s`), `slowest ${(Math.max(0, ...asked.map((one) => one.ms)) / 1000).toFixed(2)} s`);
  // every attempt's note names it ("Attempt id: <uuid>"), whatever became of it
  const notesOf = new Map<string, number>();
  for (const note of hubspot.notes) for (const [id] of note.body.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) notesOf.set(id, (notesOf.get(id) ?? 0) + 1);
  const notNoted = attempts.filter((attempt) => notesOf.get(attempt.id) !== 1);
  check(
    'one note per attempt in HubSpot',
    [...(undelivered > 0 ? [`${undelivered} CRM writes not delivered`] : []), ...notNoted.map((attempt) => `attempt ${attempt.id} (${attempt.status}): ${notesOf.get(attempt.id) ?? 0} notes`)],
    `${hubspot.notes.length} notes for ${attempts.length} attempts, every CRM write delivered`,
  );
  const stale = payments.flatMap((p) => {
    const dealId = /^pi_3Bench(\d+)$/.exec(p.provider_transaction_id)?.[1];
    const shown = dealId ? hubspot.deals[dealId]?.refunded_amount : undefined;
    const expected = formatMinor(p.refunded_minor, 'USD');
    return dealId && shown !== expected ? [`deal ${dealId} shows ${shown ?? 'nothing'} refunded, the ledger ${expected}`] : [];
  });
  check("deals' refund properties equal the ledger", stale, `${payments.length} deals show their payment's refunded total`);
  return checks;
}
