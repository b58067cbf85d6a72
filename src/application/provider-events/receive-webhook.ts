import type { PaymentProviderName } from '../../domain/refund-reason';
import type { EventOutcome } from '../../ports/provider-event-log';
import type { WebhookReceipt } from '../../ports/provider-webhooks';
import type { RefundDeps } from '../refund-deps';
import { applyProviderEvent } from './apply-provider-event';

export interface WebhookApplied {
  readonly eventId: string;
  /** the delivery came before: nothing was applied again */
  readonly duplicate: boolean;
  readonly outcome: EventOutcome;
}

const RANK: Readonly<Record<EventOutcome, number>> = { applied: 2, unknown_payment: 1, ignored: 0 };

/**
 * A delivery whose signature verified (design §7): applied once. A repeated delivery is recognised by the provider's
 * event id and changes nothing; its events are applied before the delivery is logged as received, so a delivery that
 * failed half way (the ledger or the provider did not answer) is refused and applied again when the provider retries.
 * The CRM writes go to the outbox, in the background: the answer does not wait for HubSpot.
 */
export async function receiveWebhook(deps: RefundDeps, provider: PaymentProviderName, receipt: Extract<WebhookReceipt, { kind: 'verified' }>): Promise<WebhookApplied> {
  const { eventId, eventType } = receipt;
  if (await deps.events.seen(provider, eventId)) {
    deps.logger.info('webhook delivered again: nothing applied', { provider, eventId, eventType });
    return { eventId, duplicate: true, outcome: 'ignored' };
  }
  let outcome: EventOutcome = 'ignored';
  for (const event of receipt.events) {
    const applied = await applyProviderEvent(deps, provider, event);
    if (RANK[applied] > RANK[outcome]) outcome = applied;
  }
  await deps.events.record({ provider, eventId, eventType, outcome, receivedAt: deps.clock.now() });
  deps.logger.info('webhook', { provider, eventId, eventType, outcome });
  return { eventId, duplicate: false, outcome };
}
