import type { HubSpotUserId } from '../domain/ids';
import type { FunctionContext } from './function-protocol';

/** Who is acting, from what HubSpot itself put in the context; null when HubSpot said nothing. */
export type FunctionIdentity = (context: FunctionContext) => HubSpotUserId | null;

/**
 * HubSpot (platform 2026.03) gives a private app function no identity of the user whose card called it.
 * - The card's request carries none: `ServerlessExecutionRequest` (@hubspot/ui-extensions 0.17.0,
 *   dist/shared.synced/types/http-requests.synced.d.ts) has appId, card, function, location, object and
 *   parameters only.
 * - The context has none: HubSpot's local runner (@hubspot/ui-extensions-dev-server 2.1.2,
 *   dist/lib/serverless/context.js) passes parameters, propertiesToSend, event and secrets; the 2026.03
 *   function reference, templates (HubSpot/hubspot-project-components 2026.03/components/functions-*) and
 *   HubSpot's own demo (hubspotdev/Dev-Playground-Serverless-Demo) name no user field.
 * `parameters`, `event.payload` and `propertiesToSend` are chosen by the card, so a user id there proves
 * nothing (design §5). Until HubSpot documents a trusted field, every call is refused (401); this is the one
 * place to read it from when it exists.
 */
export const identityFromHubSpot: FunctionIdentity = () => null;
