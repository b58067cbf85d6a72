import { jsonLogger } from '../adapters/logging/json-logger';
import { functionBackend } from './function-backend';
import { identityFromHubSpot } from './function-identity';
import { createRefundApi } from './refund-api-handler';

/**
 * Entry of the `refund_api` app function (uid in app/functions/refund-api-hsmeta.json). `npm run build`
 * bundles this file and everything it imports into one CommonJS file; HubSpot calls `exports.main(context)`
 * and hands its return value to the card's `hubspot.serverless('refund_api', …)`.
 */
const logger = jsonLogger(undefined, { host: 'hubspot-function' });

export const main = createRefundApi({
  deps: functionBackend(process.env, logger),
  identify: identityFromHubSpot,
  logger,
});
