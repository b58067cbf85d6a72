import { AppError } from '../../domain/errors';
import type { WebhookDelivery, WebhookEndpoint, WebhookReceipt } from '../../ports/provider-webhooks';
import { withBudget } from '../attempts/provider-deadline';
import type { RefundDeps } from '../refund-deps';
import { receiveWebhook, type WebhookApplied } from './receive-webhook';

/**
 * POST /webhooks/{provider} (design §7): never trusted without the provider's own signature, checked as it documents it;
 * then applied once. A provider or signing secret that is not configured changes nothing, and says which variable is
 * missing. Throws AppError: INVALID_SIGNATURE (answered 400), PROVIDER_NOT_CONFIGURED, PROVIDER_UNAVAILABLE.
 */
export async function handleWebhook(deps: RefundDeps, endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<WebhookApplied> {
  const label = deps.providerLabels[endpoint.provider].label;
  const receiver = endpoint.receiver;
  if (!receiver) {
    throw new AppError('PROVIDER_NOT_CONFIGURED', `${label} webhooks are not set up on this backend: set ${endpoint.setUpWith}. Nothing was changed.`, { provider: endpoint.provider });
  }
  const receipt = await withBudget<WebhookReceipt>(
    deps.providerTimeoutMs,
    (signal) => receiver.receive(delivery, signal),
    { kind: 'unverifiable', reason: `${label} did not answer the signature check in time` },
    (error) => {
      deps.logger.error('webhook receiver threw', { provider: endpoint.provider, error: String(error) });
      return { kind: 'unverifiable', reason: 'the signature could not be checked' };
    },
  );
  switch (receipt.kind) {
    case 'verified':
      return receiveWebhook(deps, endpoint.provider, receipt);
    case 'rejected':
      deps.logger.warn('webhook refused: signature not valid', { provider: endpoint.provider, reason: receipt.reason });
      throw new AppError('INVALID_SIGNATURE', `This is not a delivery signed by ${label}: ${receipt.reason} Nothing was changed.`);
    case 'unverifiable':
      deps.logger.warn('webhook not verified now', { provider: endpoint.provider, reason: receipt.reason });
      throw new AppError('PROVIDER_UNAVAILABLE', `The delivery could not be verified now (${receipt.reason}); nothing was changed, and ${label} sends it again.`);
    default: {
      const unreachable: never = receipt;
      return unreachable;
    }
  }
}
