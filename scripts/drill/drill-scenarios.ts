import type { FakeServers } from '../bench/fakes-process';
import type { DrillInstance } from './drill-instances';
import type { DrillPostgres } from './drill-postgres';
import { type Asked, type Target, refundOnce, runLoad } from './drill-load';

export interface DrillWorld {
  readonly postgres: DrillPostgres;
  readonly fakes: FakeServers;
  readonly instances: readonly DrillInstance[];
  readonly targets: readonly Target[];
  /** instances the drill has killed and not restarted: a load balancer would not send them anything */
  readonly down: Set<string>;
  readonly latencyMs: number;
  readonly progress: (line: string) => void;
}

export interface Scenario {
  readonly name: string;
  readonly what: string;
  run(world: DrillWorld): Promise<Asked[]>;
  /** figures worth printing besides the checks, filled by run */
  readonly figures?: Map<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const live = (world: DrillWorld) => () => world.targets.filter((target) => !world.down.has(target.name));

/** Faults at given seconds of a load run; each fault runs beside the load, which goes on meanwhile. */
function timeline(steps: readonly [atMs: number, step: () => Promise<void>][]) {
  const started: Promise<void>[] = [];
  let next = 0;
  return {
    tick: (elapsedMs: number) => {
      while (next < steps.length && (steps[next]?.[0] ?? Infinity) <= elapsedMs) started.push((steps[next++]?.[1] ?? (async () => undefined))());
    },
    done: () => Promise.all(started),
  };
}

interface LoadShape {
  readonly seconds: number;
  readonly perSecond: number;
  readonly busyDeal: string;
  readonly firstDeal: number;
}

/** The scenario's load over the live instances, with its faults at their seconds. */
async function loadWithFaults(world: DrillWorld, scenario: string, load: LoadShape, steps: readonly [atMs: number, step: () => Promise<void>][] = []): Promise<Asked[]> {
  const faults = timeline(steps);
  const asked = await runLoad({ scenario, targets: live(world), ...load, tick: faults.tick });
  await faults.done();
  return asked;
}

async function restart(world: DrillWorld, instance: DrillInstance): Promise<void> {
  await instance.start();
  world.down.delete(instance.name);
}

async function kill(world: DrillWorld, instance: DrillInstance): Promise<void> {
  world.down.add(instance.name);
  await instance.kill();
}

export function scenarios(soakSeconds: number): Scenario[] {
  return [
    {
      name: 'database restart',
      what: 'PostgreSQL shut down fast (every session terminated, 57P01) 5 s into a 20 s load, started again 5 s later',
      async run(world) {
        return loadWithFaults(world, this.name, { seconds: 20, perSecond: 25, busyDeal: '9001', firstDeal: 1100 }, [
          [5_000, async () => {
            world.progress('stopping PostgreSQL');
            await world.postgres.stop();
            await sleep(5_000);
            world.progress('starting PostgreSQL');
            await world.postgres.start();
          }],
        ]);
      },
    },
    {
      name: 'database frozen',
      what: 'every PostgreSQL process stopped (SIGSTOP) for 20 s, 5 s into a 35 s load: connections open, nothing answers',
      async run(world) {
        return loadWithFaults(world, this.name, { seconds: 35, perSecond: 25, busyDeal: '9002', firstDeal: 1200 }, [
          [5_000, async () => {
            world.progress('freezing PostgreSQL');
            world.postgres.freeze();
          }],
          [25_000, async () => {
            world.progress('thawing PostgreSQL');
            world.postgres.thaw();
          }],
        ]);
      },
    },
    {
      name: 'instance killed mid-refund',
      what: 'a payment given 110 refunds first; Stripe answering in 400 ms; one instance SIGKILLed 4 s into a 12 s load, started again 3 s later',
      async run(world) {
        const first = world.targets[0];
        if (!first) throw new Error('no instance');
        world.progress('giving the busy payment 110 refunds (more than Stripe’s first page of 100)');
        for (let i = 0; i < 110; i += 1) await refundOnce(this.name, first, '9003', '0.01');
        await world.fakes.setLatency(400);
        const victim = world.instances[1] ?? world.instances[0];
        if (!victim) throw new Error('no instance');
        const asked = await loadWithFaults(world, this.name, { seconds: 12, perSecond: 25, busyDeal: '9003', firstDeal: 1300 }, [
          [4_000, async () => {
            world.progress(`killing ${victim.name}`);
            await kill(world, victim);
            await sleep(3_000);
            world.progress(`starting ${victim.name} again`);
            await restart(world, victim);
          }],
        ]);
        await world.fakes.setLatency(world.latencyMs);
        return asked;
      },
    },
    {
      name: 'HubSpot outage, every instance killed',
      what: 'HubSpot answering 503 to every write for 10 s of load (reads answered: refunds go through, their CRM writes queue up), then to everything for 5 s (refunds refused); every instance SIGKILLed and started again; HubSpot back',
      async run(world) {
        world.progress('HubSpot refusing writes');
        await world.fakes.setHubSpot('writes_down');
        const load = { perSecond: 20, busyDeal: '9004', firstDeal: 1400 };
        const writesDown = await loadWithFaults(world, this.name, { ...load, seconds: 10 });
        world.progress('HubSpot down');
        await world.fakes.setHubSpot('down');
        const down = await loadWithFaults(world, this.name, { ...load, seconds: 5 });
        world.progress('killing every instance');
        await Promise.all(world.instances.map((instance) => kill(world, instance)));
        world.progress('starting every instance again; HubSpot back');
        await Promise.all(world.instances.map((instance) => restart(world, instance)));
        await world.fakes.setHubSpot('up');
        return [...writesDown, ...down];
      },
    },
    {
      name: 'soak',
      what: `${soakSeconds} s at 20 refunds/s over every instance`,
      figures: new Map(),
      async run(world) {
        const memory = (label: string) => this.figures?.set(`resident memory ${label}`, world.instances.map((instance) => `${instance.name} ${instance.rssMb()?.toFixed(0) ?? '?'} MB`).join(', '));
        const asked = await loadWithFaults(world, this.name, { seconds: soakSeconds, perSecond: 20, busyDeal: '9005', firstDeal: 1500 }, [
          [Math.min(10_000, soakSeconds * 500), async () => void memory('early')],
        ]);
        memory('at the end');
        return asked;
      },
    },
  ];
}
