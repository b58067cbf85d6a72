import { AppError } from '../../domain/errors';

/**
 * SQLSTATE classes that mean "the database cannot answer now", not "this request is wrong"
 * (PostgreSQL manual, appendix A): 08 connection exception, 53 insufficient resources, 57 operator
 * intervention (shutdown, statement timeout 57014, admin termination 57P01), 58 system error (a file gone).
 */
const UNAVAILABLE_CLASSES = ['08', '53', '57', '58'];
/** 55P03 lock_not_available: lock_timeout ran out while other refunds of the payment held it. */
const LOCK_NOT_AVAILABLE = '55P03';
/** Node's socket errors and node-postgres's own messages when a connection fails or is cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const DRIVER_MESSAGES = [/timeout exceeded when trying to connect/i, /Connection terminated/i, /Query read timeout/i, /Client has encountered a connection error/i, /connection timeout/i];

export const BUSY_RETRY_AFTER_SECONDS = 2;

/** 503 with a retry hint: the payment (or the whole ledger) is busy with other refunds; nothing was sent. */
export function busyError(): AppError {
  return new AppError('LEDGER_UNAVAILABLE', 'This payment is busy with other refunds right now. Try again in a few seconds: nothing was sent.', {
    retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    cause: 'busy',
  });
}

/**
 * The database's own failures become contract errors: 503 LEDGER_UNAVAILABLE, never a 500 or another
 * system's text. Anything else (a bug, a constraint we did not expect) is passed through unchanged.
 */
export function toLedgerError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === LOCK_NOT_AVAILABLE) return busyError();
  const message = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE_CLASSES.includes(code.slice(0, 2)) || NETWORK_CODES.has(code) || DRIVER_MESSAGES.some((pattern) => pattern.test(message))) {
    return new AppError('LEDGER_UNAVAILABLE', 'The refund ledger is not answering right now. Try again in a minute.', { retryAfterSeconds: 30 });
  }
  return error;
}

/** 22021 (invalid byte sequence, e.g. a NUL in text) and 22P05 (untranslatable character): the input's fault. */
export function isUnstorableText(error: unknown): boolean {
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  return code === '22021' || code === '22P05';
}
