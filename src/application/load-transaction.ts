import type { CurrencyCode } from '../domain/currency';
import { toCurrencyCode } from '../domain/currency';
import { AppError } from '../domain/errors';
import type { PaymentKey, TransactionRef } from '../domain/ids';
import { describeMoneyError, parseRecordAmount } from '../domain/money';
import { canonicalObjectType } from '../domain/object-types';
import { isPaymentProviderName, PAYMENT_PROVIDERS } from '../domain/refund-reason';
import type { PaymentSighting } from '../ports/ledger';
import type { RefundDeps } from './refund-deps';

/** A CRM record that holds a refundable payment, validated: what the record says, not yet what the ledger knows. */
export interface Transaction {
  readonly ref: TransactionRef;
  readonly key: PaymentKey;
  readonly cardLast4: string | null;
  /** the record's amount: the payment's amount paid only when the ledger first sees the payment */
  readonly recordAmountMinor: bigint;
  readonly currency: CurrencyCode;
}

export function sightingOf(transaction: Transaction): PaymentSighting {
  return {
    key: transaction.key,
    record: transaction.ref,
    currency: transaction.currency,
    recordAmountMinor: transaction.recordAmountMinor,
    cardLast4: transaction.cardLast4,
  };
}

/** `deal`, `deals` and `0-3` are one object type (design §3); unknown types are not enabled. */
export function enabledRef(deps: Pick<RefundDeps, 'objectTypes'>, ref: TransactionRef): TransactionRef {
  const objectType = canonicalObjectType(ref.objectType);
  if (!deps.objectTypes.includes(objectType)) {
    throw new AppError('TRANSACTION_NOT_FOUND', `Refunds are not enabled on "${ref.objectType}" records.`, { enabledObjectTypes: deps.objectTypes });
  }
  return { objectType, objectId: ref.objectId };
}

/** One CRM read. Unknown object types and missing records are TRANSACTION_NOT_FOUND; unusable ones NOT_REFUNDABLE. */
export async function loadTransaction(deps: Pick<RefundDeps, 'records' | 'objectTypes'>, given: TransactionRef): Promise<Transaction> {
  const ref = enabledRef(deps, given);
  const fields = await deps.records.readTransaction(ref);
  if (!fields) throw new AppError('TRANSACTION_NOT_FOUND', `No ${ref.objectType} record ${ref.objectId} was found in HubSpot.`);
  const notRefundable = (message: string, property: string) => new AppError('TRANSACTION_NOT_REFUNDABLE', message, { property });

  const provider = fields.provider?.trim().toLowerCase() ?? '';
  if (!provider) throw notRefundable('This record has no payment provider, so there is no payment to refund.', 'provider');
  if (!isPaymentProviderName(provider)) {
    throw notRefundable(`"${provider}" is not a supported payment provider (${PAYMENT_PROVIDERS.join(', ')}).`, 'provider');
  }
  const providerTransactionId = fields.providerTransactionId?.trim() ?? '';
  if (!providerTransactionId && provider !== 'manual') {
    throw notRefundable('This record has no payment transaction id, so the payment cannot be found at the provider.', 'transactionId');
  }
  const currency = toCurrencyCode(fields.currency ?? '');
  if (!currency) throw notRefundable(`The record's currency "${fields.currency ?? ''}" is not an ISO 4217 code.`, 'currency');
  if (!fields.amount) throw notRefundable('The record has no payment amount.', 'amount');
  const paid = parseRecordAmount(fields.amount, currency);
  if (!paid.ok) throw notRefundable(`The record's amount "${fields.amount}" is unusable: ${describeMoneyError(paid.error, currency)}`, 'amount');
  return {
    ref,
    key: { provider, providerTransactionId: providerTransactionId || `manual:${ref.objectType}:${ref.objectId}` },
    cardLast4: fields.cardLast4?.trim() || null,
    recordAmountMinor: paid.money.minor,
    currency,
  };
}
