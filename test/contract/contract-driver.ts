import type { Money } from '../../src/domain/money';
import type { PaymentProviderName } from '../../src/domain/refund-reason';
import type { PaymentProvider } from '../../src/ports/payment-provider';

/** The scenarios every provider adapter is run through (issue #4), by name, so that a driver can skip one with a reason. */
export const SCENARIOS = [
  'full refund',
  'partial refund',
  'several partials up to the total',
  'over-refund refused',
  'decline recorded',
  'timeout, then resolved by lookup',
  'refund beyond the first page of the provider\'s list',
  'list cut off before its end stays unknown',
  'same idempotency key twice',
  'void where allowed',
  'a late failure',
  'a refund made outside',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One provider call the suite is about to cause: the driver sets nock up to expect exactly these bytes. */
export interface ExpectedCall {
  readonly amount: Money;
  /** the whole payment, nothing refunded before (PayPal sends an empty body then) */
  readonly full: boolean;
  /** our attempt id (a UUID) as the engine will create it */
  readonly attemptId: string;
  readonly idempotencyKey: string;
}

/**
 * A provider as the contract suite sees it: its adapter pointed at nock, and the provider's answers to each
 * scenario as nock interceptors built from the published spec or docs. Each method registers interceptors that
 * match the exact request (path, headers that matter, body bytes or fields in order) and answers once.
 */
export interface ContractDriver {
  readonly name: PaymentProviderName;
  /** the payment on the CRM record: the provider's transaction id, a two-decimal currency, and "100.00" (the scenarios' amounts assume it) */
  readonly payment: { readonly transactionId: string; readonly currency: string; readonly amount: string; readonly cardLast4: string | null };
  /** the adapter, configured for nock's host, built by its module as the app builds it */
  createProvider(): PaymentProvider;
  /** the provider takes the refund and reports it done, with this refund id */
  acceptRefund(call: ExpectedCall, refundId: string): void;
  /** the provider refuses because the amount exceeds what is left on the payment at the provider */
  refuseOverRefund(call: ExpectedCall): void;
  /** the provider declines the refund */
  declineRefund(call: ExpectedCall): void;
  /** the provider receives the refund and never answers: `deadlinePasses` is called as the request arrives */
  neverAnswer(call: ExpectedCall, deadlinePasses: () => void): void;
  /** looking the attempt up finds the refund done, with this refund id */
  lookupFinds(call: ExpectedCall, refundId: string): void;
  /**
   * the payment's refunds fill more than one page of the provider's list (newer ones first where the list is newest
   * first): the lookup finds the refund done, with this refund id, on a later page
   */
  lookupFindsBeyondFirstPage(call: ExpectedCall, refundId: string): void;
  /**
   * the lookup's answer stops before the end of the provider's list: the next page never comes (call `deadlinePasses`
   * as it is asked for), or the answer is cut
   */
  lookupCutOff(call: ExpectedCall, deadlinePasses: () => void): void;
  /** providers that void: the payment is not settled yet, and a void of it is accepted */
  readonly voids?: {
    unsettled(): void;
    acceptVoid(call: ExpectedCall, voidId: string): void;
  };
  /**
   * reconciliation asks the provider about the payment and learns that the refund the app made (`refundId`, as the
   * attempt holds it) failed after it succeeded
   */
  reportLateFailure?(call: ExpectedCall, refundId: string): void;
  /** reconciliation asks the provider about the payment and learns of a refund of `amount` made in its dashboard */
  reportOutsideRefund?(amount: Money, refundId: string): void;
  /** the refund id the attempt ends with, when the adapter makes its own (manual); default: the one given */
  readonly refundIdOf?: (call: ExpectedCall, given: string) => string;
  /** scenarios this provider cannot meet, each with the reason */
  readonly skips?: Partial<Record<Scenario, string>>;
}

/** A nock reply function for "never answers": the engine's deadline passes as the request arrives, then `reply` (held back). */
export function passing<R>(deadlinePasses: () => void, reply: R): () => R {
  return () => {
    deadlinePasses();
    return reply;
  };
}
