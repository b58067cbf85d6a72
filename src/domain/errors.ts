/**
 * Stable error codes of the public contract (design §7). Each maps to one HTTP status in src/http.
 */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'INVALID_SIGNATURE',
  'NOT_PERMITTED',
  'TRANSACTION_NOT_FOUND',
  'ATTEMPT_NOT_FOUND',
  'ATTEMPT_NOT_AWAITING_APPROVAL',
  'INVALID_POLICY',
  'POLICY_VERSION_CONFLICT',
  'POLICY_LOCKED',
  'IDEMPOTENCY_KEY_REUSED',
  'UNSUPPORTED_MEDIA_TYPE',
  'AMOUNT_EXCEEDS_REFUNDABLE',
  'TRANSACTION_NOT_REFUNDABLE',
  'PROVIDER_NOT_CONFIGURED',
  'PROVIDER_UNAVAILABLE',
  'CRM_UNAVAILABLE',
  'LEDGER_UNAVAILABLE',
  'NOT_FOUND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error a caller can act on: `message` is for the rep, `details` for the UI and the operator. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
