import { canTransition, isFinal, type RefundAttempt } from '../../domain/attempt';
import { type CurrencyCode, toCurrencyCode } from '../../domain/currency';
import type { AttemptId, TransactionRef } from '../../domain/ids';
import { refundableMinor, totalsOf } from '../../domain/refund-status';
import type { Clock } from '../../ports/clock';
import type { AttemptRequest, Ledger, OutboxJob, ReserveResult } from '../../ports/ledger';
import type { ProviderOutcome } from '../../ports/payment-provider';
import { ATTEMPT_COLUMNS, type AttemptRow, attemptFromRow } from './attempt-row';
import type { Database, SqlExecutor } from './database';

export class SqlLedger implements Ledger {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
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
      const [known] = await tx.query<AttemptRow>(
        `SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts WHERE object_type = $1 AND object_id = $2 AND idempotency_key = $3`,
        [objectType, objectId, request.idempotencyKey],
      );
      if (known) {
        const attempt = attemptFromRow(known);
        return known.fingerprint === request.fingerprint ? { kind: 'replayed', attempt } : { kind: 'key_reused', attempt };
      }
      const holding = await tx.query<{ status: RefundAttempt['status']; amount_minor: bigint; currency: string }>(
        `SELECT status, amount_minor, currency FROM refund_attempts
         WHERE object_type = $1 AND object_id = $2 AND status <> 'failed'`,
        [objectType, objectId],
      );
      if (holding.some((row) => row.currency !== request.currency)) return { kind: 'currency_changed' };
      const refundable = refundableMinor(
        totalsOf(request.paidMinor, holding.map((row) => ({ status: row.status, amountMinor: row.amount_minor }))),
      );
      if (refundable === 0n && request.amount === 'remaining') return { kind: 'nothing_refundable' };
      const amount = request.amount === 'remaining' ? refundable : request.amount;
      if (amount > refundable) return { kind: 'exceeds_refundable', refundableMinor: refundable };
      if (request.maxMinor !== null && amount > request.maxMinor) return { kind: 'exceeds_limit', maxMinor: request.maxMinor };
      const [row] = await tx.query<AttemptRow>(
        `INSERT INTO refund_attempts (id, object_type, object_id, kind, amount_minor, currency, status, reason, note,
           requested_by_user_id, requested_by_email, requested_by_name, idempotency_key, fingerprint, provider,
           provider_transaction_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         RETURNING ${ATTEMPT_COLUMNS}`,
        [
          request.id, objectType, objectId, request.kind, amount.toString(), request.currency, request.reason, request.note,
          request.requestedBy.userId, request.requestedBy.email ?? null, request.requestedBy.name ?? null,
          request.idempotencyKey, request.fingerprint, request.provider, request.providerTransactionId, now,
        ],
      );
      await recordEvent(tx, request.id, null, 'pending', now, null);
      return { kind: 'created', attempt: attemptFromRow(mustExist(row)), isFullAmount: amount === request.paidMinor };
    });
  }

  completeAttempt(id: AttemptId, outcome: ProviderOutcome, at: Date): Promise<RefundAttempt> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.query<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts WHERE id = $1 FOR UPDATE`, [id]);
      if (!current) throw new Error(`attempt ${id} does not exist`);
      const stays = current.status === outcome.status && !isFinal(current.status);
      if (!stays && !canTransition(current.status, outcome.status)) {
        throw new Error(`attempt ${id} cannot go from ${current.status} to ${outcome.status}`);
      }
      const providerRefundId = outcome.status === 'unknown' ? current.provider_refund_id : (outcome.providerRefundId ?? current.provider_refund_id);
      const failure = outcome.status === 'failed' || outcome.status === 'unknown' ? outcome.failure : null;
      const [row] = await tx.query<AttemptRow>(
        `UPDATE refund_attempts SET status = $2, provider_refund_id = $3, failure_code = $4, failure_message = $5,
           failure_detail = $6, updated_at = $7, completed_at = $8
         WHERE id = $1 RETURNING ${ATTEMPT_COLUMNS}`,
        [
          id, outcome.status, providerRefundId, failure?.code ?? null, failure?.message ?? null,
          failure?.detail ? JSON.stringify(failure.detail) : null, at, isFinal(outcome.status) ? at : null,
        ],
      );
      await recordEvent(tx, id, current.status, outcome.status, at, failure ? { code: failure.code } : null);
      await tx.query(
        `INSERT INTO crm_outbox (object_type, object_id, attempt_id, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $4)`,
        [current.object_type, current.object_id, id, at],
      );
      return attemptFromRow(mustExist(row));
    });
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

  async getAttempt(id: AttemptId): Promise<RefundAttempt | null> {
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
    const rows = await this.db.query<{ id: bigint; object_type: string; object_id: string; attempt_id: string; tries: number }>(
      `UPDATE crm_outbox SET tries = tries + 1, next_attempt_at = $2
       WHERE id IN (
         SELECT id FROM crm_outbox
         WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND ($4::text IS NULL OR (object_type = $4 AND object_id = $5))
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id, object_type, object_id, attempt_id, tries`,
      [now, new Date(now.getTime() + leaseMs), limit, transaction?.objectType ?? null, transaction?.objectId ?? null],
    );
    return rows
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((row) => ({
        id: row.id.toString(),
        transaction: { objectType: row.object_type, objectId: row.object_id },
        attemptId: row.attempt_id as AttemptId,
        tries: row.tries,
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
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

async function recordEvent(tx: SqlExecutor, id: string, from: string | null, to: string, at: Date, detail: object | null): Promise<void> {
  await tx.query('INSERT INTO attempt_events (attempt_id, from_status, to_status, at, detail) VALUES ($1, $2, $3, $4, $5)', [
    id, from, to, at, detail ? JSON.stringify(detail) : null,
  ]);
}

function mustExist<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('the database returned no row');
  return row;
}
