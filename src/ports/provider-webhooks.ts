import type { PaymentProviderName } from '../domain/refund-reason';
import type { DisputeReport, RefundReport } from './provider-reports';

/** One delivery as it arrived: the raw body (every provider signs the exact bytes) and the headers, names in lower case. */
export interface WebhookDelivery {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly receivedAt: Date;
}

/** What one event means for the ledger, whatever the provider. */
export type ProviderEvent =
  | { readonly kind: 'refund'; readonly report: RefundReport }
  /** the event names a refund and nothing more: the provider is asked about it (Authorize.net) */
  | { readonly kind: 'refund_to_look_up'; readonly providerRefundId: string }
  /** the payment's refunds changed, without saying which (Stripe's charge.refunded): its refunds are read again */
  | { readonly kind: 'refunds_changed'; readonly paymentIds: readonly string[] }
  | { readonly kind: 'dispute'; readonly report: DisputeReport }
  /** an event this app does not act on (subscribed by mistake, or a kind it has no use for) */
  | { readonly kind: 'ignored'; readonly why: string };

export type WebhookReceipt =
  /** signed by the provider: the delivery's id (for applying it once), its type, and what it means */
  | { readonly kind: 'verified'; readonly eventId: string; readonly eventType: string; readonly events: readonly ProviderEvent[] }
  /** not signed by the provider, or not as it signs: bad, stale or forged. Nothing is applied. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** the signature could not be checked now (the provider's verification service did not answer): the provider retries */
  | { readonly kind: 'unverifiable'; readonly reason: string };

/** A provider's webhook endpoint: its signature checked exactly as the provider documents it, then its events read. */
export interface WebhookReceiver {
  /** Never throws. */
  receive(delivery: WebhookDelivery, signal: AbortSignal): Promise<WebhookReceipt>;
}

/** A provider's webhook endpoint as the backend serves it: POST /webhooks/{path}. */
export interface WebhookEndpoint {
  readonly provider: PaymentProviderName;
  readonly path: string;
  /** null when the provider or its webhook signing secret is not configured: deliveries are refused, nothing changes */
  readonly receiver: WebhookReceiver | null;
  /** the variables that set it up, named in the refusal */
  readonly setUpWith: string;
  /** the event types to subscribe to */
  readonly events: readonly string[];
}
