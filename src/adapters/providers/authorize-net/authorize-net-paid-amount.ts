import { type CurrencyCode, toCurrencyCode } from '../../../domain/currency';
import { type Money, parseMoney } from '../../../domain/money';
import { isTransactionId } from './authorize-net-checks';
import { ask } from './authorize-net-http';
import { type Api, transactionDetails } from './authorize-net-reporting';
import { merchantDetailsBody } from './authorize-net-requests';
import { decimalText, readMerchantDetails } from './authorize-net-responses';

export type PaidAmount = (transId: string, signal: AbortSignal) => Promise<Money | null>;

/**
 * What an Authorize.net payment took: getTransactionDetails' settleAmount once the transaction is settledSuccessfully.
 * Before settlement nothing is read, and the read is tried again later: settleAmount is filled in from the start (an
 * uncaptured authorization already shows one) and the schema does not say when it stops changing, while authAmount is
 * only what was authorized, more than a capture for less took. The answer names no currency: the merchant account's
 * one (getMerchantDetails' currencies; Authorize.net runs one currency per account) is asked once and kept. Any error,
 * timeout, unreadable answer, or an account with several currencies or none, gives no figure.
 */
export function createPaidAmount(api: Api): PaidAmount {
  let accountCurrency: CurrencyCode | null = null;
  return async (transId, signal) => {
    try {
      if (!isTransactionId(transId) || signal.aborted) return null;
      const looked = await transactionDetails(api, transId, signal);
      if (looked.kind !== 'found' || looked.value.transId !== transId || looked.value.transactionStatus !== 'settledSuccessfully') return null;
      const amount = decimalText(looked.value.settleAmount);
      if (amount === null) return null;
      accountCurrency ??= await merchantCurrency(api, signal);
      if (accountCurrency === null) return null;
      const parsed = parseMoney(amount, accountCurrency);
      return parsed.ok ? parsed.money : null;
    } catch {
      return null;
    }
  };
}

async function merchantCurrency(api: Api, signal: AbortSignal): Promise<CurrencyCode | null> {
  const asked = await ask(api.send, merchantDetailsBody(api.credentials), readMerchantDetails, signal);
  if (asked.kind !== 'read' || asked.value.messages.resultCode !== 'Ok') return null;
  const currencies = (asked.value.currencies ?? []).filter((code): code is string => code !== null);
  return currencies.length === 1 && currencies[0] !== undefined ? toCurrencyCode(currencies[0]) : null;
}
