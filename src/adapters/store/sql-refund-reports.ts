import { assertNever } from '../../domain/assert-never';
import { toCurrencyCode } from '../../domain/currency';
import type { GroupBy, RefundFilter, RefundReports, SummaryRow } from '../../ports/refund-reports';
import { ATTEMPT_COLUMNS, type AttemptRow, attemptFromRow } from './attempt-row';
import type { Database } from './database';
import { decodeCursor, encodeCursor } from './page-cursor';
import { HELD, IN_FLIGHT } from './status-sql';

/** The WHERE of a filter, its values from $1 on (plus whatever the caller appends after). */
function where(filter: RefundFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const clauses: string[] = [];
  const add = (clause: (n: number) => string, value: unknown) => {
    values.push(value);
    clauses.push(clause(values.length));
  };
  if (filter.from) add((n) => `created_at >= $${n}`, filter.from);
  if (filter.to) add((n) => `created_at < $${n}`, filter.to);
  if (filter.statuses.length) add((n) => `status = ANY($${n}::text[])`, filter.statuses);
  if (filter.reasons.length) add((n) => `reason = ANY($${n}::text[])`, filter.reasons);
  if (filter.providers.length) add((n) => `provider = ANY($${n}::text[])`, filter.providers);
  if (filter.requestedBy.length) add((n) => `requested_by_user_id = ANY($${n}::text[])`, filter.requestedBy);
  if (filter.currencies.length) add((n) => `currency = ANY($${n}::text[])`, filter.currencies);
  if (filter.kinds.length) add((n) => `kind = ANY($${n}::text[])`, filter.kinds);
  return { sql: clauses.length ? clauses.join(' AND ') : 'true', values };
}

function keyOf(groupBy: GroupBy): string {
  switch (groupBy) {
    case 'reason':
      return 'reason';
    case 'requestedBy':
      // a refund made in the provider's dashboard has no requester
      return "COALESCE(requested_by_user_id, 'provider')";
    case 'provider':
      return 'provider';
    case 'currency':
      return 'currency';
    case 'status':
      return 'status';
    default:
      return assertNever(groupBy);
  }
}

/** Reports over every payment's attempts: the list pages by (created_at, id), the summary groups in SQL. */
export class SqlRefundReports implements RefundReports {
  constructor(private readonly db: Database) {}

  async listRefunds(filter: RefundFilter, page: { limit: number; cursor: string | null }): Promise<{ attempts: ReturnType<typeof attemptFromRow>[]; nextCursor: string | null }> {
    const { sql, values } = where(filter);
    const after = decodeCursor(page.cursor);
    const n = values.length;
    const rows = await this.db.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts
       WHERE ${sql} AND ($${n + 1}::timestamptz IS NULL OR (created_at, id) < ($${n + 1}, $${n + 2}::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $${n + 3}`,
      [...values, after?.at ?? null, after?.id ?? null, page.limit + 1],
    );
    const attempts = rows.slice(0, page.limit).map(attemptFromRow);
    const last = attempts.at(-1);
    return { attempts, nextCursor: rows.length > page.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  async summarize(filter: RefundFilter, groupBy: GroupBy): Promise<SummaryRow[]> {
    const { sql, values } = where(filter);
    const rows = await this.db.query<{ key: string; name: string | null; currency: string; refunded: bigint; refunded_count: bigint; pending: bigint; failed_count: bigint }>(
      `SELECT ${keyOf(groupBy)} AS key, currency,
         max(COALESCE(requested_by_name, requested_by_email)) AS name,
         COALESCE(sum(amount_minor) FILTER (WHERE kind = 'refund' AND status = 'succeeded'), 0)::int8 AS refunded,
         count(*) FILTER (WHERE kind = 'refund' AND status = 'succeeded')::int8 AS refunded_count,
         COALESCE(sum(amount_minor) FILTER (WHERE status IN ${IN_FLIGHT} OR status IN ${HELD}), 0)::int8 AS pending,
         count(*) FILTER (WHERE status = 'failed')::int8 AS failed_count
       FROM refund_attempts WHERE ${sql}
       GROUP BY 1, 2 ORDER BY refunded DESC, 1, 2`,
      values,
    );
    return rows.flatMap((row) => {
      const currency = toCurrencyCode(row.currency);
      if (!currency) return [];
      return [{ key: row.key, name: groupBy === 'requestedBy' ? row.name : null, currency, refundedMinor: row.refunded, refundedCount: Number(row.refunded_count), pendingMinor: row.pending, failedCount: Number(row.failed_count) }];
    });
  }
}
