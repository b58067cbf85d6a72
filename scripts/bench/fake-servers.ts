import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HubSpotAvailability, type HubSpotState, fakeHubSpot } from './fake-hubspot';
import { type StripeState, fakeStripe } from './fake-stripe';
import { BusyClock, RouteCounter, type UpstreamSnapshot } from './route-stats';

/** Child-process entry: both fakes on 127.0.0.1, ephemeral ports; answers `stats` and `stop` over IPC. */

export interface FakeServersOptions {
  readonly latencyMs: number;
  readonly hubspotToken: string;
  readonly stripeKey: string;
  readonly dealAmount: string;
}

export type ToFakes =
  | { readonly type: 'stats'; readonly id: number }
  | { readonly type: 'latency'; readonly id: number; readonly ms: number }
  | { readonly type: 'hubspot'; readonly id: number; readonly availability: HubSpotAvailability }
  | { readonly type: 'state'; readonly id: number }
  | { readonly type: 'stop' };
export type FromFakes =
  | { readonly type: 'ready'; readonly hubspotUrl: string; readonly stripeUrl: string }
  | { readonly type: 'stats'; readonly id: number; readonly snapshot: UpstreamSnapshot }
  | { readonly type: 'latency'; readonly id: number }
  | { readonly type: 'hubspot'; readonly id: number }
  | { readonly type: 'state'; readonly id: number; readonly hubspot: HubSpotState; readonly stripe: StripeState };

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as FakeServersOptions;
  const clock = new BusyClock();
  const latency = { ms: options.latencyMs };
  const hubspotCounter = new RouteCounter(clock);
  const stripeCounter = new RouteCounter(clock);
  const availability: { state: HubSpotAvailability } = { state: 'up' };
  const hubspotFake = fakeHubSpot({ latency, accessToken: options.hubspotToken, dealAmount: options.dealAmount, counter: hubspotCounter, availability });
  const stripeFake = fakeStripe({ latency, secretKey: options.stripeKey, counter: stripeCounter, dealAmount: options.dealAmount });
  const hubspot = createServer(hubspotFake.listener);
  const stripe = createServer(stripeFake.listener);
  const send = (message: FromFakes) => process.send?.(message);

  process.on('message', (message: ToFakes) => {
    if (message.type === 'stats') send({ type: 'stats', id: message.id, snapshot: { hubspot: hubspotCounter.snapshot(), stripe: stripeCounter.snapshot(), busyMs: clock.totalMs() } });
    if (message.type === 'latency') {
      latency.ms = message.ms;
      send({ type: 'latency', id: message.id });
    }
    if (message.type === 'hubspot') {
      availability.state = message.availability;
      send({ type: 'hubspot', id: message.id });
    }
    if (message.type === 'state') send({ type: 'state', id: message.id, hubspot: hubspotFake.state(), stripe: stripeFake.state() });
    if (message.type === 'stop') process.disconnect?.();
  });
  // The parent going away (stop, or a crash) ends the fakes: with the servers closed nothing keeps this process alive.
  process.on('disconnect', () => {
    for (const server of [hubspot, stripe]) {
      server.closeAllConnections();
      server.close();
    }
  });
  const [hubspotUrl, stripeUrl] = await Promise.all([listen(hubspot), listen(stripe)]);
  send({ type: 'ready', hubspotUrl, stripeUrl });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('fake servers failed to start:', error);
    process.exit(1);
  });
}
