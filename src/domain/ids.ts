import type { PaymentProviderName } from './refund-reason';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AttemptId = Brand<string, 'AttemptId'>;
export type PaymentId = Brand<string, 'PaymentId'>;
export type HubSpotUserId = Brand<string, 'HubSpotUserId'>;
export type IdempotencyKey = Brand<string, 'IdempotencyKey'>;

export const attemptId = (value: string) => value as AttemptId;
export const paymentId = (value: string) => value as PaymentId;
export const hubSpotUserId = (value: string) => value as HubSpotUserId;
export const idempotencyKey = (value: string) => value as IdempotencyKey;

/** A CRM record that carries a payment: an object type ("deals", "2-123456") and its record id. */
export interface TransactionRef {
  readonly objectType: string;
  readonly objectId: string;
}

/** A payment, whoever's records point at it (design §3: the unit is the payment, not the record). */
export interface PaymentKey {
  readonly provider: PaymentProviderName;
  readonly providerTransactionId: string;
}
