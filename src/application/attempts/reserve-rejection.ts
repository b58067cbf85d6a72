import { AppError } from '../../domain/errors';
import type { CurrencyCode } from '../../domain/currency';
import { assertNever } from '../../domain/assert-never';
import { formatMinor } from '../../domain/money';
import type { ReserveResult } from '../../ports/ledger';

type Rejected = Exclude<ReserveResult, { kind: 'created' } | { kind: 'replayed' }>;

/** Why the ledger would not reserve an attempt, in the contract's error codes. */
export function reserveRejection(reserved: Rejected, currency: CurrencyCode): AppError {
  const format = (minor: bigint) => formatMinor(minor, currency);
  switch (reserved.kind) {
    case 'key_reused':
      return new AppError('IDEMPOTENCY_KEY_REUSED', 'This refund form was already sent with different details. Reopen the form to start a new refund.', {
        attemptId: reserved.attempt.id,
      });
    case 'exceeds_refundable':
      return new AppError('AMOUNT_EXCEEDS_REFUNDABLE', `At most ${currency} ${format(reserved.refundableMinor)} can still be refunded.`, {
        refundable: format(reserved.refundableMinor),
      });
    case 'nothing_refundable':
      return new AppError('TRANSACTION_NOT_REFUNDABLE', 'Nothing is left to refund: the payment is fully refunded, voided, or the rest is being processed or awaits approval.', {
        refundable: format(0n),
      });
    case 'currency_changed':
      return new AppError(
        'TRANSACTION_NOT_REFUNDABLE',
        `The record's currency (${currency}) is not the payment's (${reserved.paymentCurrency}). Correct the record, or refund from the provider's dashboard.`,
        { property: 'currency' },
      );
    case 'refused':
      return reserved.error;
    default:
      return assertNever(reserved);
  }
}
