import { assertNever } from '../domain/assert-never';
import type { AttemptStatus } from '../domain/attempt';
import type { ErrorCode } from '../domain/errors';

/** What a command's exit status tells a script (README, Command line). */
export const EXIT = {
  ok: 0,
  /** a bug, or something we did not expect: the message says what */
  unexpected: 1,
  /** the command line itself is wrong (unknown command or option, missing argument) */
  usage: 2,
  /** the environment or .env is wrong: every problem is listed */
  config: 3,
  /** the request was refused: not permitted, invalid, not found, nothing refundable… */
  refused: 4,
  /** something we depend on is not there: the ledger database, HubSpot, a provider's credentials */
  unavailable: 5,
  /** the refund was attempted and failed (a provider decline): recorded in the ledger */
  failed: 6,
  /** the attempt is recorded but not final: pending at the provider, outcome unknown, or awaiting approval */
  notFinal: 7,
} as const;

export function exitCodeOfError(code: ErrorCode): number {
  switch (code) {
    case 'PROVIDER_NOT_CONFIGURED':
    case 'PROVIDER_UNAVAILABLE':
    case 'CRM_UNAVAILABLE':
    case 'LEDGER_UNAVAILABLE':
      return EXIT.unavailable;
    case 'INTERNAL':
      return EXIT.unexpected;
    case 'INVALID_REQUEST':
    case 'INVALID_POLICY':
    case 'INVALID_SIGNATURE':
    case 'ATTEMPT_NOT_FOUND':
    case 'ATTEMPT_NOT_AWAITING_APPROVAL':
    case 'POLICY_VERSION_CONFLICT':
    case 'POLICY_LOCKED':
    case 'NOT_PERMITTED':
    case 'TRANSACTION_NOT_FOUND':
    case 'NOT_FOUND':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'AMOUNT_EXCEEDS_REFUNDABLE':
    case 'TRANSACTION_NOT_REFUNDABLE':
      return EXIT.refused;
    default:
      return assertNever(code);
  }
}

export function exitCodeOfAttempt(status: AttemptStatus): number {
  switch (status) {
    case 'succeeded':
      return EXIT.ok;
    case 'failed':
      return EXIT.failed;
    case 'pending':
    case 'unknown':
    case 'awaiting_approval':
      return EXIT.notFinal;
    case 'rejected':
    case 'expired':
    case 'canceled':
      return EXIT.refused;
    default:
      return assertNever(status);
  }
}
