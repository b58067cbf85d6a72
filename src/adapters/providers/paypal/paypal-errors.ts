import * as z from 'zod';
import { assertNever } from '../../../domain/assert-never';
import type { FailureCode } from '../../../domain/failure-code';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import { failedOutcome as failed, mayHaveGoneThrough, type OutcomeDetail as Detail, REASON_KEPT_FOR_ADMIN, unknownOutcome as unknown } from '../outcomes';
import type { TokenProblem } from './paypal-token';

const WILL_BE_CHECKED = mayHaveGoneThrough();

export function unreadableAnswerOutcome(httpStatus: number, debugId: string | null): ProviderOutcome {
  const detail = { reason: 'not_a_refund', http_status: String(httpStatus), ...(debugId ? { debug_id: debugId } : {}) };
  return unknown('provider_unreadable_answer', `PayPal's answer could not be read; ${WILL_BE_CHECKED}`, detail);
}

export function tokenProblemOutcome(problem: TokenProblem): ProviderOutcome {
  switch (problem.kind) {
    case 'refused':
      return failed(
        'provider_authentication_failed',
        "PayPal did not accept this app's client id and secret, so the refund was not sent and nothing was refunded. Ask a HubSpot admin to check the PayPal credentials configured for the refund app (live and sandbox credentials differ).",
        problem.detail,
      );
    case 'unavailable':
      return failed(
        'not_sent',
        "PayPal's sign-in service did not answer, so the refund was not sent and nothing was refunded. Try again in a minute.",
        problem.detail,
      );
    default:
      return assertNever(problem);
  }
}

// Payments v2 spec, schemas error_400 … error_503 and error_details; RATE_LIMIT_REACHED is not in the spec but in
// https://developer.paypal.com/api/rest/reference/rate-limiting/ ("HTTP 429 … RATE_LIMIT_REACHED").
const errorSchema = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  debug_id: z.string().optional(),
  details: z.array(z.object({ issue: z.string(), description: z.string().optional(), field: z.string().optional() })).optional(),
  links: z.array(z.object({ href: z.string(), rel: z.string() })).optional(),
});
type PayPalError = z.infer<typeof errorSchema>;

// Payments v2 spec: issues of captures.refund-422, captures.refund-400, and of the 401, 403, 404 and 409 schemas.
const ISSUES = [
  'REFUND_AMOUNT_EXCEEDED', 'CAPTURE_FULLY_REFUNDED', 'REFUND_TIME_LIMIT_EXCEEDED', 'TRANSACTION_DISPUTED',
  'REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK', 'REFUND_NOT_ALLOWED', 'PENDING_CAPTURE', 'REFUND_FAILED_INSUFFICIENT_FUNDS',
  'DUPLICATE_INVOICE_ID', 'PARTIAL_REFUND_NOT_ALLOWED', 'MAX_NUMBER_OF_REFUNDS_EXCEEDED', 'REFUND_AMOUNT_TOO_LOW',
  'REFUND_IS_RESTRICTED', 'PAYEE_ACCOUNT_LOCKED_OR_CLOSED', 'PAYEE_ACCOUNT_RESTRICTED', 'PAYER_ACCOUNT_LOCKED_OR_CLOSED',
  'CURRENCY_MISMATCH', 'REFUND_CAPTURE_CURRENCY_MISMATCH', 'CANNOT_BE_ZERO_OR_NEGATIVE', 'CANNOT_BE_NEGATIVE',
  'DECIMAL_PRECISION', 'DECIMALS_NOT_SUPPORTED', 'INVALID_CURRENCY_CODE', 'PLATFORM_FEE_EXCEEDED', 'PLATFORM_FEE_NOT_ENABLED',
  'MISSING_REQUIRED_PARAMETER', 'INVALID_PARAMETER_SYNTAX', 'INVALID_STRING_LENGTH', 'INVALID_ACCOUNT_STATUS',
  'PERMISSION_DENIED', 'INVALID_RESOURCE_ID', 'PREVIOUS_REQUEST_IN_PROGRESS',
] as const;
type Issue = (typeof ISSUES)[number];

const NAMES = [
  'INVALID_REQUEST', 'AUTHENTICATION_FAILURE', 'NOT_AUTHORIZED', 'RESOURCE_NOT_FOUND', 'RESOURCE_CONFLICT',
  'UNSUPPORTED_MEDIA_TYPE', 'UNPROCESSABLE_ENTITY', 'RATE_LIMIT_REACHED', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE',
] as const;
type Name = (typeof NAMES)[number];

const isIssue = (value: string): value is Issue => (ISSUES as readonly string[]).includes(value);
const isName = (value: string): value is Name => (NAMES as readonly string[]).includes(value);

/**
 * What an error answer means. `refused`: PayPal did not refund; `conclusive` when PayPal judged this refund itself, so
 * that the same answer to a lookup also proves nothing was refunded. `unclear`: the refund may exist.
 */
type Verdict =
  | { readonly kind: 'refused'; readonly code: FailureCode; readonly message: string; readonly conclusive: boolean }
  | { readonly kind: 'unclear'; readonly code: FailureCode; readonly message: string };

const refused = (code: FailureCode, message: string, conclusive = true): Verdict => ({ kind: 'refused', code, message, conclusive });
const unclear = (code: FailureCode, message: string): Verdict => ({ kind: 'unclear', code, message });

const NOTHING = 'so nothing was refunded';
const IN_PROGRESS = unclear('provider_request_in_progress', `PayPal is still working on an earlier submission of this refund; ${WILL_BE_CHECKED}`);
const SERVER_ERROR = unclear('provider_server_error', `PayPal had a problem on its side; ${WILL_BE_CHECKED}`);
const AUTH_FAILED = refused('provider_authentication_failed', `PayPal rejected this app's credentials, ${NOTHING}. Ask a HubSpot admin to check the PayPal client id and secret configured for the refund app.`, false);
const PERMISSION_DENIED = refused('provider_permission_denied', `This app's PayPal credentials may not refund this payment, ${NOTHING}. Ask a HubSpot admin to check that the PayPal app may issue refunds and belongs to the PayPal account that took the payment.`, false);
const NOT_FOUND = refused('payment_not_found', `PayPal cannot find this payment, ${NOTHING}. Check that the record holds the PayPal capture id (not the order id) and that the app uses the PayPal account (live or sandbox) that took the payment.`, false);
const RATE_LIMITED = refused('provider_rate_limited', 'PayPal is limiting requests from this app and did not process this refund; nothing was refunded. Try again in a few minutes.', false);
const REFUSED = refused('invalid_request', `PayPal refused the refund, ${NOTHING}. ${REASON_KEPT_FOR_ADMIN}`, false);

function issueVerdict(issue: Issue): Verdict | null {
  switch (issue) {
    case 'REFUND_AMOUNT_EXCEEDED':
      return refused('amount_exceeds_refundable', `PayPal refused: the amount is more than what is left to refund on this payment, ${NOTHING}. Part of it may have been refunded directly in PayPal; check the payment there and refund a smaller amount.`);
    case 'CAPTURE_FULLY_REFUNDED':
      return refused('already_refunded', 'PayPal says this payment was already refunded in full, perhaps directly in PayPal. Nothing more was refunded.');
    case 'REFUND_TIME_LIMIT_EXCEEDED':
      return refused('refund_time_limit_exceeded', `PayPal no longer allows refunds of this payment because its refund period has passed, ${NOTHING}. Refund the customer another way (for example by bank transfer) and note it on the record.`);
    case 'TRANSACTION_DISPUTED':
    case 'REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK':
      return refused('payment_disputed', `The customer has an open dispute or chargeback on this payment, so PayPal does not allow this refund and nothing was refunded. Your finance team can settle the case in PayPal's Resolution Center.`);
    case 'REFUND_NOT_ALLOWED':
      return refused('refund_not_allowed', `PayPal does not allow this payment to be refunded, ${NOTHING}. Check the payment in PayPal for the reason, or refund the customer another way.`);
    case 'PENDING_CAPTURE':
      return refused('payment_not_settled', `PayPal still holds this payment as pending (an eCheck or bank payment that has not cleared), so it cannot be refunded yet and nothing was refunded. Try again once PayPal shows the payment as completed.`);
    case 'REFUND_FAILED_INSUFFICIENT_FUNDS':
      return refused('insufficient_funds', `Your PayPal balance and linked bank account cannot cover this refund, ${NOTHING}. Add funds to the PayPal account, then try again.`);
    case 'DUPLICATE_INVOICE_ID':
      return refused('duplicate_invoice_id', 'PayPal refused: a refund with the same invoice number already exists on this payment, so nothing new was refunded. Check the refunds of this payment in PayPal.');
    case 'PARTIAL_REFUND_NOT_ALLOWED':
      return refused('partial_refund_not_allowed', `PayPal only allows a full refund of this payment, ${NOTHING}. Refund the whole amount instead.`);
    case 'MAX_NUMBER_OF_REFUNDS_EXCEEDED':
      return refused('too_many_refunds', `This payment has reached PayPal's limit on the number of refunds, ${NOTHING}. Refund the customer another way and note it on the record.`);
    case 'REFUND_AMOUNT_TOO_LOW':
      return refused('amount_too_low', `After currency conversion this amount is too small for PayPal to refund, ${NOTHING}. Refund a larger amount.`);
    case 'REFUND_IS_RESTRICTED':
      return refused('refund_restricted', `Only the platform or partner that took this payment may refund it, ${NOTHING}. Refund it through them.`);
    case 'PAYEE_ACCOUNT_LOCKED_OR_CLOSED':
    case 'PAYEE_ACCOUNT_RESTRICTED':
      return refused('merchant_account_restricted', `Your PayPal account is locked, closed or restricted, ${NOTHING}. The owner of the PayPal account has to settle this with PayPal first.`);
    case 'PAYER_ACCOUNT_LOCKED_OR_CLOSED':
      return refused('customer_account_closed', `The customer's PayPal account can no longer receive money, ${NOTHING}. Refund the customer another way and note it on the record.`);
    case 'CURRENCY_MISMATCH':
    case 'REFUND_CAPTURE_CURRENCY_MISMATCH':
      return refused('currency_mismatch', `PayPal took this payment in another currency than the record shows, ${NOTHING}. Correct the currency on the record and try again.`);
    case 'CANNOT_BE_ZERO_OR_NEGATIVE':
    case 'CANNOT_BE_NEGATIVE':
    case 'DECIMAL_PRECISION':
    case 'DECIMALS_NOT_SUPPORTED':
    case 'INVALID_CURRENCY_CODE':
      return refused('amount_not_accepted_by_provider', `PayPal did not accept the amount or its currency, ${NOTHING}. Check the amount and currency on the record.`);
    case 'INVALID_ACCOUNT_STATUS':
      return refused('provider_account_invalid', `PayPal says the account behind this app's credentials failed its account checks, ${NOTHING}. The owner of the PayPal account has to settle this with PayPal.`, false);
    case 'PERMISSION_DENIED':
      return PERMISSION_DENIED;
    case 'INVALID_RESOURCE_ID':
      return NOT_FOUND;
    case 'PREVIOUS_REQUEST_IN_PROGRESS':
      return IN_PROGRESS;
    case 'PLATFORM_FEE_EXCEEDED':
    case 'PLATFORM_FEE_NOT_ENABLED':
    case 'MISSING_REQUIRED_PARAMETER':
    case 'INVALID_PARAMETER_SYNTAX':
    case 'INVALID_STRING_LENGTH':
      return null;
    default:
      return assertNever(issue);
  }
}

function nameVerdict(name: Name): Verdict | null {
  switch (name) {
    case 'AUTHENTICATION_FAILURE':
      return AUTH_FAILED;
    case 'NOT_AUTHORIZED':
      return PERMISSION_DENIED;
    case 'RESOURCE_NOT_FOUND':
      return NOT_FOUND;
    case 'RATE_LIMIT_REACHED':
      return RATE_LIMITED;
    case 'RESOURCE_CONFLICT':
      return IN_PROGRESS;
    case 'INTERNAL_SERVER_ERROR':
    case 'SERVICE_UNAVAILABLE':
      return SERVER_ERROR;
    case 'INVALID_REQUEST':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'UNPROCESSABLE_ENTITY':
      return REFUSED;
    default:
      return assertNever(name);
  }
}

function statusVerdict(httpStatus: number): Verdict {
  if (httpStatus >= 500) return SERVER_ERROR;
  if (httpStatus === 401) return AUTH_FAILED;
  if (httpStatus === 403) return PERMISSION_DENIED;
  if (httpStatus === 404) return NOT_FOUND;
  if (httpStatus === 409) return IN_PROGRESS;
  if (httpStatus === 429) return RATE_LIMITED;
  if (httpStatus >= 400) return REFUSED;
  return unclear('provider_unexpected_answer', `PayPal answered in a way this app does not expect; ${WILL_BE_CHECKED}`);
}

/**
 * A non-2xx answer → an outcome. Read by details[].issue first, then by name, then by HTTP status; 5xx is always
 * `unknown`. For a lookup only a conclusive refusal is `failed`: anything else leaves the attempt `unknown`.
 */
export function errorAnswerOutcome(
  context: 'refund' | 'lookup',
  httpStatus: number,
  body: unknown,
  debugId: string | null,
): ProviderOutcome {
  const parsed = errorSchema.safeParse(body);
  const error = parsed.success ? parsed.data : null;
  const knownIssue = error?.details?.find((detail) => isIssue(detail.issue));
  const shown = knownIssue ?? error?.details?.[0];
  const verdict =
    (httpStatus >= 500 ? SERVER_ERROR : null) ??
    (knownIssue && isIssue(knownIssue.issue) ? issueVerdict(knownIssue.issue) : null) ??
    (error?.name && isName(error.name) ? nameVerdict(error.name) : null) ??
    statusVerdict(httpStatus);
  const detail = operatorDetail(httpStatus, error, shown, debugId);
  if (verdict.kind === 'unclear') return unknown(verdict.code, verdict.message, detail);
  const outcome = failed(verdict.code, verdict.message, detail);
  return context === 'refund' || verdict.conclusive ? outcome : inconclusive(outcome);
}

/** A lookup that could not reach a verdict: what would have failed a refund leaves the attempt `unknown`. */
export function inconclusive(outcome: ProviderOutcome): ProviderOutcome {
  if (outcome.status !== 'failed') return outcome;
  return unknown('lookup_inconclusive', 'PayPal did not say what became of this refund yet; it stays unknown and will be checked again.', {
    ...outcome.failure.detail,
    refusal: outcome.failure.code,
  });
}

function operatorDetail(
  httpStatus: number,
  error: PayPalError | null,
  shown: { issue: string; description?: string | undefined; field?: string | undefined } | undefined,
  debugId: string | null,
): Detail {
  const facts: readonly (readonly [string, string | undefined | null])[] = [
    ['http_status', String(httpStatus)],
    ['paypal_name', error?.name],
    ['paypal_issue', shown?.issue],
    ['paypal_description', shown?.description],
    ['paypal_field', shown?.field],
    ['paypal_message', error?.message],
    ['debug_id', error?.debug_id ?? debugId],
    ['information_link', error?.links?.find((link) => link.rel === 'information_link')?.href],
  ];
  const detail: Detail = {};
  for (const [key, value] of facts) {
    if (value === undefined || value === null || value === '') continue;
    detail[key] = value;
  }
  return detail;
}
