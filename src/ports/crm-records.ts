import type { TransactionRef } from '../domain/ids';
import type { RefundStatus } from '../domain/refund-status';
import type { AttemptStatus } from '../domain/attempt';
import type { RefundReason } from '../domain/refund-reason';

/** The payment fields of a CRM record, as stored (strings, possibly blank). Validation is the use case's job. */
export interface TransactionRecordFields {
  readonly provider: string | null;
  readonly providerTransactionId: string | null;
  readonly cardLast4: string | null;
  readonly amount: string | null;
  readonly currency: string | null;
}

/** The refund properties the app writes (design §7), already formatted for the CRM. */
export interface RefundProperties {
  readonly refund_status: RefundStatus;
  /** decimal string in major units, e.g. "12.34" */
  readonly refunded_amount: string;
  readonly refund_count: string;
  /** ISO 8601, or "" to clear */
  readonly last_refund_at: string;
  readonly last_refund_reason: RefundReason | '';
  readonly last_refund_attempt_status: AttemptStatus | '';
}

export interface CrmRecords {
  /** null when the record does not exist. Throws AppError CRM_UNAVAILABLE when the CRM cannot answer. */
  readTransaction(ref: TransactionRef): Promise<TransactionRecordFields | null>;
  writeRefundProperties(ref: TransactionRef, properties: RefundProperties): Promise<void>;
}
