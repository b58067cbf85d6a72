import { assertNever } from '../domain/assert-never';
import type { AppError, ErrorCode } from '../domain/errors';

type Details = Readonly<Record<string, unknown>>;

/**
 * The `details` a caller may see, per code (design §7, README "HTTP API"): what the card acts on. Everything else
 * an error carries (HubSpot's message, category and correlation id, provider codes, missing settings) is for the
 * operator: logged, never answered.
 */
function publicDetailKeys(code: ErrorCode): readonly string[] {
  switch (code) {
    case 'INVALID_REQUEST':
      return ['issues', 'field', 'currency'];
    case 'NOT_PERMITTED':
      return ['maxRefundAmount'];
    case 'TRANSACTION_NOT_FOUND':
      return ['enabledObjectTypes'];
    case 'ATTEMPT_NOT_AWAITING_APPROVAL':
      return ['status'];
    case 'INVALID_POLICY':
      return ['problems'];
    case 'POLICY_VERSION_CONFLICT':
      return ['currentVersion'];
    case 'IDEMPOTENCY_KEY_REUSED':
      return ['attemptId'];
    case 'AMOUNT_EXCEEDS_REFUNDABLE':
      return ['refundable'];
    case 'TRANSACTION_NOT_REFUNDABLE':
      return ['property', 'refundable', 'voidable', 'reason', 'retryAfterSeconds'];
    case 'PROVIDER_NOT_CONFIGURED':
      return ['provider'];
    case 'LEDGER_UNAVAILABLE':
      return ['retryAfterSeconds'];
    case 'INVALID_SIGNATURE':
    case 'ATTEMPT_NOT_FOUND':
    case 'POLICY_LOCKED':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'CRM_UNAVAILABLE':
    case 'PROVIDER_UNAVAILABLE':
    case 'NOT_FOUND':
    case 'INTERNAL':
      return [];
    default:
      return assertNever(code);
  }
}

/** An error's details split by audience: `public` for the answer, `operator` for the logs (each absent when empty). */
export function detailsByAudience(error: AppError): { readonly public?: Details; readonly operator?: Details } {
  const allowed = publicDetailKeys(error.code);
  const entries = Object.entries(error.details ?? {});
  const shown = entries.filter(([key]) => allowed.includes(key));
  const kept = entries.filter(([key]) => !allowed.includes(key));
  return { ...(shown.length > 0 ? { public: Object.fromEntries(shown) } : {}), ...(kept.length > 0 ? { operator: Object.fromEntries(kept) } : {}) };
}
