import type { AppError } from '../domain/errors';
import { errorBody, statusOf } from '../contract/error-answers';
import type { FunctionAnswer } from './function-protocol';

/**
 * The HTTP API's JSON, byte for byte: what `res.json` would have sent (dates as strings, undefined dropped),
 * so a card sees the same body through either transport.
 */
export function answer(status: number, body: unknown): FunctionAnswer {
  return { status, body: JSON.parse(JSON.stringify(body)) as unknown };
}

export function errorAnswer(error: AppError, status = statusOf(error.code)): FunctionAnswer {
  return answer(status, errorBody(error));
}
