declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AttemptId = Brand<string, 'AttemptId'>;
export type HubSpotUserId = Brand<string, 'HubSpotUserId'>;
export type IdempotencyKey = Brand<string, 'IdempotencyKey'>;

export const attemptId = (value: string) => value as AttemptId;
export const hubSpotUserId = (value: string) => value as HubSpotUserId;
export const idempotencyKey = (value: string) => value as IdempotencyKey;

/** A CRM record that carries a payment: an object type ("deals", "2-123456") and its record id. */
export interface TransactionRef {
  readonly objectType: string;
  readonly objectId: string;
}
