/*
 * The parts of the official SDK (@hubspot/api-client 13.5.0) this app uses, imported from their own modules. The
 * package's index loads Client, whose getters require the generated API clients (lib/codegen, 4.7 MB once bundled)
 * that the app function never calls. Client.apiRequest is `HttpClient.send(new Request(config, opts))` passed through
 * the SDK's process-wide retry and limiter decorators (lib/src/client.js), which this app leaves off anyway
 * (hubspot-client.ts retries on its own, inside a deadline).
 */
export { AssociationTypes } from '@hubspot/api-client/lib/src/enums/AssociationTypes';
export { HttpClient } from '@hubspot/api-client/lib/src/services/http/HttpClient';
export { Request } from '@hubspot/api-client/lib/src/services/http/Request';
