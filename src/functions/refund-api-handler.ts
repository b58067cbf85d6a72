import { ANSWER_WITHIN_MS } from '../application/attempts/request-budget';
import { getTransaction } from '../application/get-transaction';
import type { RefundDeps } from '../application/refund-deps';
import { requestRefund } from '../application/request-refund/request-refund';
import { requestVoid } from '../application/request-void/request-void';
import { AppError } from '../domain/errors';
import { type HubSpotUserId, idempotencyKey } from '../domain/ids';
import { assertNever } from '../domain/assert-never';
import { invalidRequest } from '../contract/error-answers';
import { refundBody, voidBody } from '../contract/request-schemas';
import type { Logger } from '../ports/logger';
import { isUnstorableText } from '../adapters/store/ledger-errors';
import { attemptStatus, INTERNAL_ERROR, logOperatorDetail, UNSTORABLE_INPUT } from '../contract/error-answers';
import { answer, errorAnswer } from './function-answers';
import { FunctionUnavailable } from './function-unavailable';
import type { FunctionIdentity } from './function-identity';
import { type FunctionAnswer, type FunctionContext, type FunctionRequest, functionRequest } from './function-protocol';

export interface RefundApiHost {
  /** the use cases' dependencies; may throw FunctionUnavailable (answered 503) */
  readonly deps: () => Promise<RefundDeps>;
  readonly identify: FunctionIdentity;
  /** for what happens before the backend exists (it logs through deps.logger afterwards) */
  readonly logger: Logger;
}

const NO_IDENTITY = new AppError(
  'INVALID_SIGNATURE',
  'HubSpot did not say which user is acting, so nothing was shown or changed. Ask your HubSpot admin to switch the card to the backend connection (CARD_TRANSPORT=fetch).',
);

/**
 * The `refund_api` app function: the same use cases, schemas and error mapping as the Express host, answered
 * as `{ status, body }`. Identity comes before anything else: without one HubSpot vouches for, the answer is 401
 * and nothing about this backend's setup is revealed or even looked at. Then a backend that cannot start (503,
 * the missing or invalid settings logged for the operator, never answered), then the request itself (400…).
 * The CRM write-back is drained before answering: a function's work ends with it.
 */
export function createRefundApi(host: RefundApiHost): (context?: unknown) => Promise<FunctionAnswer> {
  return async (raw) => {
    const started = Date.now();
    const context: FunctionContext = raw !== null && typeof raw === 'object' ? (raw as FunctionContext) : {};
    const actor = host.identify(context);
    if (!actor) {
      host.logger.info('function', { function: 'refund_api', status: 401, ms: Date.now() - started });
      return errorAnswer(NO_IDENTITY);
    }
    let deps: RefundDeps;
    try {
      deps = await host.deps();
    } catch (error) {
      return unavailable(host.logger, error);
    }
    let operation: string | undefined;
    let result: FunctionAnswer;
    try {
      const request = functionRequest.safeParse({ parameters: context.parameters });
      if (!request.success) throw invalidRequest(request.error);
      operation = request.data.parameters.operation;
      result = await perform(deps, request.data.parameters, actor);
    } catch (error) {
      result = failure(deps.logger, error, operation);
    } finally {
      // The CRM write-back and any outcome still being recorded finish here, but never past HubSpot's budget:
      // the outbox and the resolver take over what is left.
      await deps.background.drain(ANSWER_WITHIN_MS - (Date.now() - started));
    }
    deps.logger.info('function', { function: 'refund_api', operation, status: result.status, ms: Date.now() - started, userId: actor });
    return result;
  };
}

async function perform(deps: RefundDeps, request: FunctionRequest, actor: HubSpotUserId): Promise<FunctionAnswer> {
  const transaction = { objectType: request.objectType, objectId: request.objectId };
  switch (request.operation) {
    case 'get':
      return answer(200, await getTransaction(deps, transaction, actor));
    case 'refund': {
      const body = refundBody.safeParse(request.body);
      if (!body.success) throw invalidRequest(body.error);
      const result = await requestRefund(deps, {
        transaction,
        userId: actor,
        amount: body.data.amount,
        reason: body.data.reason,
        note: body.data.note,
        idempotencyKey: idempotencyKey(body.data.idempotencyKey),
      });
      return answer(attemptStatus(result), { attempt: result.attempt, transaction: result.transaction });
    }
    case 'void': {
      const body = voidBody.safeParse(request.body);
      if (!body.success) throw invalidRequest(body.error);
      const result = await requestVoid(deps, {
        transaction,
        userId: actor,
        reason: body.data.reason,
        note: body.data.note,
        idempotencyKey: idempotencyKey(body.data.idempotencyKey),
      });
      return answer(attemptStatus(result), { attempt: result.attempt, transaction: result.transaction });
    }
    default:
      return assertNever(request.operation);
  }
}

function failure(logger: Logger, error: unknown, operation: string | undefined): FunctionAnswer {
  if (error instanceof AppError) {
    logOperatorDetail(logger, error, { function: 'refund_api', operation });
    return errorAnswer(error);
  }
  if (isUnstorableText(error)) return errorAnswer(UNSTORABLE_INPUT);
  logger.error('unexpected error', {
    function: 'refund_api',
    operation,
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return errorAnswer(INTERNAL_ERROR);
}

/** 503, as GET /healthz answers when the ledger is not there: the admin has something to set up, which only the log names. */
function unavailable(logger: Logger, error: unknown): FunctionAnswer {
  if (error instanceof FunctionUnavailable) {
    logger.error('function not set up', { function: 'refund_api', answered: error.message, details: error.details });
    return errorAnswer(new AppError('INTERNAL', error.message), 503);
  }
  logger.error('function backend failed to start', { function: 'refund_api', error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
  return errorAnswer(new AppError('INTERNAL', 'The refund backend could not start. Try again in a minute; if it keeps failing, ask your HubSpot admin.'), 503);
}
