import { createHash } from 'node:crypto';
import type { CurrencyCode } from '../../domain/currency';
import { AppError } from '../../domain/errors';
import { describeMoneyError, parseMoney } from '../../domain/money';
import type { RefundPolicy } from '../../domain/policy';
import type { RefundReason } from '../../domain/refund-reason';

export function requestedAmount(raw: string | undefined, currency: CurrencyCode): bigint | 'remaining' {
  if (raw === undefined) return 'remaining';
  const parsed = parseMoney(raw, currency);
  if (!parsed.ok) throw new AppError('INVALID_REQUEST', describeMoneyError(parsed.error, currency), { field: 'amount', currency });
  return parsed.money.minor;
}

/** The note, trimmed; required for the reasons the policy names (requireNoteFor, design §5). */
export function noteOf(raw: string | undefined, reason: RefundReason, policy: RefundPolicy): string | null {
  const note = raw?.trim() || null;
  if (!note && policy.requireNoteFor.includes(reason)) {
    throw new AppError('INVALID_REQUEST', `note: is required when the reason is "${reason}"`, { field: 'note' });
  }
  return note;
}

/** "12.3" and "12.30" are the same request; a different amount, reason or note is not. */
export function fingerprintOf(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
