import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { HubSpotAvailability, HubSpotState } from './fake-hubspot';
import type { FakeServersOptions, FromFakes, ToFakes } from './fake-servers';
import type { StripeState } from './fake-stripe';
import type { UpstreamSnapshot } from './route-stats';

export interface FakeServers {
  readonly hubspotUrl: string;
  readonly stripeUrl: string;
  /** the fakes' counters so far; the fakes record a request before answering it, so a finished call is always in */
  snapshot(): Promise<UpstreamSnapshot>;
  /** every later answer waits this long */
  setLatency(ms: number): Promise<void>;
  /** HubSpot answering 503 to everything (`down`), to its writes only (`writes_down`), or normally */
  setHubSpot(availability: HubSpotAvailability): Promise<void>;
  /** what the fakes hold: HubSpot's notes and deals, Stripe's refunds */
  state(): Promise<{ readonly hubspot: HubSpotState; readonly stripe: StripeState }>;
  stop(): Promise<void>;
}

/**
 * The fakes run in a child process so their fixed latency is not stretched by the backend's event loop, and so the memory and CPU measured in the bench process are the
 * backend's, not the fakes'.
 */
export function startFakes(options: FakeServersOptions): Promise<FakeServers> {
  // fork() reuses this process's execArgv, which carries tsx's loader, so the child runs TypeScript too.
  const child = fork(join(__dirname, 'fake-servers.ts'), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (message: FromFakes) => void>();
  let nextId = 1;
  const ask = (message: (id: number) => ToFakes) =>
    new Promise<FromFakes>((answer) => {
      const id = nextId++;
      pending.set(id, answer);
      send(child, message(id));
    });
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    child.once('error', failed);
    child.once('exit', (code) => reject(new Error(`the fake servers exited early (code ${code})`)));
    child.on('message', (message: FromFakes) => {
      if (message.type !== 'ready') {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
        return;
      }
      child.off('error', failed);
      resolve({
        hubspotUrl: message.hubspotUrl,
        stripeUrl: message.stripeUrl,
        snapshot: async () => {
          const answer = await ask((id) => ({ type: 'stats', id }));
          return answer.type === 'stats' ? answer.snapshot : Promise.reject(new Error('the fakes answered stats with something else'));
        },
        setLatency: async (ms) => {
          await ask((id) => ({ type: 'latency', id, ms }));
        },
        setHubSpot: async (availability) => {
          await ask((id) => ({ type: 'hubspot', id, availability }));
        },
        state: async () => {
          const answer = await ask((id) => ({ type: 'state', id }));
          return answer.type === 'state' ? { hubspot: answer.hubspot, stripe: answer.stripe } : Promise.reject(new Error('the fakes answered state with something else'));
        },
        stop: () => stopChild(child),
      });
    });
  });
}

function send(child: ChildProcess, message: ToFakes): void {
  child.send(message);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    send(child, { type: 'stop' });
  });
}
