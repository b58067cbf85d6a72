/** Codes of the backend's contract (README "HTTP API"); a code the card or a page does not know is shown generically. */
export const BACKEND_ERROR_CODES = [
  'INVALID_REQUEST',
  'INVALID_SIGNATURE',
  'NOT_PERMITTED',
  'TRANSACTION_NOT_FOUND',
  'ATTEMPT_NOT_FOUND',
  'ATTEMPT_NOT_AWAITING_APPROVAL',
  'INVALID_POLICY',
  'POLICY_VERSION_CONFLICT',
  'POLICY_LOCKED',
  'NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
  'UNSUPPORTED_MEDIA_TYPE',
  'AMOUNT_EXCEEDS_REFUNDABLE',
  'TRANSACTION_NOT_REFUNDABLE',
  'PROVIDER_NOT_CONFIGURED',
  'PROVIDER_UNAVAILABLE',
  'CRM_UNAVAILABLE',
  'LEDGER_UNAVAILABLE',
  'INTERNAL',
] as const;

/** Failures the card finds itself: no answer at all, or an answer that does not match the contract. */
export const CARD_ERROR_CODES = ['NO_ANSWER', 'BAD_RESPONSE'] as const;

export type ErrorCode = (typeof BACKEND_ERROR_CODES)[number] | (typeof CARD_ERROR_CODES)[number];

export interface ApiError {
  /** one of ErrorCode, or a newer backend code this card does not know yet */
  readonly code: string;
  /** written for the rep, by the backend or by the card */
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** the HTTP status the backend gave, when there was one */
  readonly status: number | null;
}

export type ApiResult<T> = { readonly ok: true; readonly status: number; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function isKnownCode(code: string): code is ErrorCode {
  return (BACKEND_ERROR_CODES as readonly string[]).includes(code) || (CARD_ERROR_CODES as readonly string[]).includes(code);
}

/** A request that may have reached the backend can be sent again as is: the form's key makes the repeat harmless. */
export function isWorthRetrying(error: ApiError): boolean {
  return ['NO_ANSWER', 'BAD_RESPONSE', 'INTERNAL', 'CRM_UNAVAILABLE', 'LEDGER_UNAVAILABLE'].includes(error.code) || (error.status !== null && error.status >= 500);
}
