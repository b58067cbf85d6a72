import type { PaymentProviderName } from '../domain/refund-reason';

/** What a delivery did, for the operator: applied, about a payment the app does not know, or nothing to act on. */
export type EventOutcome = 'applied' | 'unknown_payment' | 'ignored';

/** The provider deliveries applied so far, by the provider's own event id: a repeated delivery is recognised. */
export interface ProviderEventLog {
  seen(provider: PaymentProviderName, eventId: string): Promise<boolean>;
  /** A second record of one event (two deliveries at once) is no error: the first stays. */
  record(entry: { provider: PaymentProviderName; eventId: string; eventType: string; outcome: EventOutcome; receivedAt: Date }): Promise<void>;
}
