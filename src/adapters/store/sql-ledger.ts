import { ATTEMPT_STATUSES, canTransition, isFinal, type RefundAttempt } from '../../domain/attempt';
import { type CurrencyCode, toCurrencyCode } from '../../domain/currency';
import type { AttemptId, TransactionRef } from '../../domain/ids';
import { refundableMinor } from '../../domain/refund-status';
import type { Clock } from '../../ports/clock';
import type { AttemptRequest, Ledger, OutboxJob, ReserveResult } from '../../ports/ledger';
import type { ProviderOutcome } from '../../ports/payment-provider';
import { ATTEMPT_COLUMNS, type AttemptRow, attemptFromRow } from './attempt-row';
import type { Database } from './database';

export class SqlLedger implements Ledger {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    /** an extra health check of the database's own files (the embedded one), run by ping() */
    private readonly check?: () => void,
  ) {}

  reserveAttempt(request: AttemptRequest): Promise<ReserveResult> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const { objectType, objectId } = request.transaction;
      // The upsert takes the row lock of this transaction: concurrent reservations for it queue here.
      await tx.query(
        `INSERT INTO transactions (object_type, object_id, provider, provider_transaction_id, currency, paid_minor, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (object_type, object_id) DO UPDATE SET provider = EXCLUDED.provider,
           provider_transaction_id = EXCLUDED.provider_transaction_id, currency = EXCLUDED.currency,
           paid_minor = EXCLUDED.paid_minor, updated_at = EXCLUDED.updated_at`,
        [objectType, objectId, request.provider, request.providerTransactionId, request.currency, request.paidMinor.toString(), now],
      );
      // After the lock, one read: the form's earlier attempt if any, and what the transaction's attempts hold.
      const [state] = await tx.query<{ refunded: bigint; in_flight: bigint; other_currency: bigint } & Partial<AttemptRow>>(
        `WITH sums AS (
           SELECT COALESCE(SUM(amount_minor) FILTER (WHERE status = 'succeeded'), 0)::int8 AS refunded,
                  COALESCE(SUM(amount_minor) FILTER (WHERE status IN ('pending', 'unknown')), 0)::int8 AS in_flight,
                  COUNT(*) FILTER (WHERE currency <> $3) AS other_currency
           FROM refund_attempts WHERE object_type = $1 AND object_id = $2 AND status <> 'failed')
         SELECT sums.*, known.* FROM sums
         LEFT JOIN LATERAL (SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts
           WHERE object_type = $1 AND object_id = $2 AND idempotency_key = $4) known ON true`,
        [objectType, objectId, request.currency, request.idempotencyKey],
      );
      if (!state) throw new Error('the database returned no state');
      if (state.id) {
        const known = state as AttemptRow;
        const attempt = attemptFromRow(known);
        return known.fingerprint === request.fingerprint ? { kind: 'replayed', attempt } : { kind: 'key_reused', attempt };
      }
      const sums = state;
      if (sums.other_currency > 0n) return { kind: 'currency_changed' };
      const refundable = refundableMinor({ paidMinor: request.paidMinor, refundedMinor: sums.refunded, inFlightMinor: sums.in_flight });
      if (refundable === 0n && request.amount === 'remaining') return { kind: 'nothing_refundable' };
      const amount = request.amount === 'remaining' ? refundable : request.amount;
      if (amount > refundable) return { kind: 'exceeds_refundable', refundableMinor: refundable };
      if (request.maxMinor !== null && amount > request.maxMinor) return { kind: 'exceeds_limit', maxMinor: request.maxMinor };
      const [row] = await tx.query<AttemptRow>(
        `WITH created AS (
           INSERT INTO refund_attempts (id, object_type, object_id, kind, amount_minor, currency, status, reason, note,
             requested_by_user_id, requested_by_email, requested_by_name, idempotency_key, fingerprint, provider,
             provider_transaction_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
           RETURNING ${ATTEMPT_COLUMNS}),
         event AS (INSERT INTO attempt_events (attempt_id, from_status, to_status, at) SELECT id, NULL, 'pending', created_at FROM created)
         SELECT * FROM created`,
        [
          request.id, objectType, objectId, request.kind, amount.toString(), request.currency, request.reason, request.note,
          request.requestedBy.userId, request.requestedBy.email ?? null, request.requestedBy.name ?? null,
          request.idempotencyKey, request.fingerprint, request.provider, request.providerTransactionId, now,
        ],
      );
      return {
        kind: 'created',
        attempt: attemptFromRow(mustExist(row)),
        isFullAmount: amount === request.paidMinor,
        before: { refundedMinor: sums.refunded, inFlightMinor: sums.in_flight },
      };
    });
  }

  /** One statement, so one atomic step without a transaction: check the transition, update, log it, queue the CRM. */
  async completeAttempt(id: AttemptId, outcome: ProviderOutcome, at: Date): Promise<RefundAttempt> {
    const from = ATTEMPT_STATUSES.filter((status) => canTransition(status, outcome.status) || (status === outcome.status && !isFinal(status)));
    const failure = outcome.status === 'failed' || outcome.status === 'unknown' ? outcome.failure : null;
    const refundId = outcome.status === 'unknown' ? null : outcome.providerRefundId;
    const [row] = await this.db.query<AttemptRow>(
      `WITH current AS (SELECT id, status FROM refund_attempts WHERE id = $1 AND status = ANY($9::text[]) FOR UPDATE),
       updated AS (
         UPDATE refund_attempts a SET status = $2, provider_refund_id = COALESCE($3, a.provider_refund_id), failure_code = $4,
           failure_message = $5, failure_detail = $6, updated_at = $7, completed_at = $8
         FROM current WHERE a.id = current.id
         RETURNING a.*, current.status AS previous_status),
       event AS (INSERT INTO attempt_events (attempt_id, from_status, to_status, at, detail) SELECT id, previous_status, $2, $7, $10 FROM updated),
       queued AS (INSERT INTO crm_outbox (object_type, object_id, attempt_id, next_attempt_at, created_at) SELECT object_type, object_id, id, $7, $7 FROM updated)
       SELECT ${ATTEMPT_COLUMNS} FROM updated`,
      [
        id, outcome.status, refundId, failure?.code ?? null, failure?.message ?? null,
        failure?.detail ? JSON.stringify(failure.detail) : null, at, isFinal(outcome.status) ? at : null, from,
        failure ? JSON.stringify({ code: failure.code }) : null,
      ],
    );
    if (row) return attemptFromRow(row);
    const current = await this.getAttempt(id);
    if (!current) throw new Error(`attempt ${id} does not exist`);
    throw new Error(`attempt ${id} cannot go from ${current.status} to ${outcome.status}`);
  }

  async listAttempts(transaction: TransactionRef): Promise<RefundAttempt[]> {
    const rows = await this.db.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts WHERE object_type = $1 AND object_id = $2 ORDER BY created_at DESC, id DESC`,
      [transaction.objectType, transaction.objectId],
    );
    return rows.map(attemptFromRow);
  }

  async paymentOf(transaction: TransactionRef): Promise<{ paidMinor: bigint; currency: CurrencyCode } | null> {
    const [row] = await this.db.query<{ paid_minor: bigint; currency: string }>(
      'SELECT paid_minor, currency FROM transactions WHERE object_type = $1 AND object_id = $2',
      [transaction.objectType, transaction.objectId],
    );
    const currency = row ? toCurrencyCode(row.currency) : null;
    return row && currency ? { paidMinor: row.paid_minor, currency } : null;
  }

  private async getAttempt(id: AttemptId): Promise<RefundAttempt | null> {
    const [row] = await this.db.query<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts WHERE id = $1`, [id]);
    return row ? attemptFromRow(row) : null;
  }

  async listUnresolved(createdBefore: Date, limit: number, transaction?: TransactionRef): Promise<RefundAttempt[]> {
    const rows = await this.db.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts
       WHERE status IN ('unknown', 'pending') AND created_at < $1 AND ($3::text IS NULL OR (object_type = $3 AND object_id = $4))
       ORDER BY created_at, id LIMIT $2`,
      [createdBefore, limit, transaction?.objectType ?? null, transaction?.objectId ?? null],
    );
    return rows.map(attemptFromRow);
  }

  async recordNoteId(id: AttemptId, noteId: string): Promise<void> {
    await this.db.query('UPDATE refund_attempts SET crm_note_id = $2 WHERE id = $1', [id, noteId]);
  }

  async noteIdOf(id: AttemptId): Promise<string | null> {
    const [row] = await this.db.query<{ crm_note_id: string | null }>('SELECT crm_note_id FROM refund_attempts WHERE id = $1', [id]);
    return row?.crm_note_id ?? null;
  }

  async claimOutbox(now: Date, limit: number, leaseMs: number, transaction?: TransactionRef): Promise<OutboxJob[]> {
    const rows = await this.db.query<{ id: bigint; object_type: string; object_id: string; attempt_id: string; tries: number; crm_note_id: string | null }>(
      `WITH claimed AS (
         UPDATE crm_outbox SET tries = tries + 1, next_attempt_at = $2
         WHERE id IN (
           SELECT id FROM crm_outbox
           WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND ($4::text IS NULL OR (object_type = $4 AND object_id = $5))
           ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, object_type, object_id, attempt_id, tries)
       SELECT claimed.*, a.crm_note_id FROM claimed JOIN refund_attempts a ON a.id = claimed.attempt_id`,
      [now, new Date(now.getTime() + leaseMs), limit, transaction?.objectType ?? null, transaction?.objectId ?? null],
    );
    return rows
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((row) => ({
        id: row.id.toString(),
        transaction: { objectType: row.object_type, objectId: row.object_id },
        attemptId: row.attempt_id as AttemptId,
        tries: row.tries,
        noteId: row.crm_note_id,
      }));
  }

  async completeOutbox(jobId: string): Promise<void> {
    await this.db.query('UPDATE crm_outbox SET delivered_at = $2, last_error = NULL WHERE id = $1', [jobId, this.clock.now()]);
  }

  async retryOutbox(jobId: string, nextAt: Date, error: string): Promise<void> {
    await this.db.query('UPDATE crm_outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1', [jobId, nextAt, error]);
  }

  async outboxBacklog(): Promise<number> {
    const [row] = await this.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM crm_outbox WHERE delivered_at IS NULL');
    return Number(row?.n ?? 0n);
  }

  async ping(): Promise<void> {
    this.check?.();
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function mustExist<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('the database returned no row');
  return row;
}
