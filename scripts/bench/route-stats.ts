/** Requests one fake server answered, by route, and the time it spent on them (arrival to the end of its answer). */
export interface RouteStats {
  readonly requests: number;
  readonly busyMs: number;
  readonly byRoute: Readonly<Record<string, number>>;
}

export interface UpstreamSnapshot {
  readonly hubspot: RouteStats;
  readonly stripe: RouteStats;
  /** time during which at least one fake was answering: calls made in parallel are counted once */
  readonly busyMs: number;
}

/** Wall time during which at least one request is open, shared by both fakes. */
export class BusyClock {
  private open = 0;
  private since = 0n;
  private closedMs = 0;

  begin(): void {
    if (this.open++ === 0) this.since = process.hrtime.bigint();
  }

  end(): void {
    if (--this.open === 0) this.closedMs += Number(process.hrtime.bigint() - this.since) / 1e6;
  }

  totalMs(): number {
    return this.closedMs + (this.open > 0 ? Number(process.hrtime.bigint() - this.since) / 1e6 : 0);
  }
}

export class RouteCounter {
  private requests = 0;
  private busyMs = 0;
  private readonly byRoute = new Map<string, number>();

  constructor(readonly clock: BusyClock) {}

  record(route: string, startedAt: bigint): void {
    this.requests += 1;
    this.busyMs += Number(process.hrtime.bigint() - startedAt) / 1e6;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  snapshot(): RouteStats {
    return { requests: this.requests, busyMs: this.busyMs, byRoute: Object.fromEntries(this.byRoute) };
  }
}

export function diffStats(after: RouteStats, before: RouteStats): RouteStats {
  const byRoute: Record<string, number> = {};
  for (const [route, count] of Object.entries(after.byRoute)) {
    const delta = count - (before.byRoute[route] ?? 0);
    if (delta !== 0) byRoute[route] = delta;
  }
  return { requests: after.requests - before.requests, busyMs: after.busyMs - before.busyMs, byRoute };
}

export function diffSnapshots(after: UpstreamSnapshot, before: UpstreamSnapshot): UpstreamSnapshot {
  return { hubspot: diffStats(after.hubspot, before.hubspot), stripe: diffStats(after.stripe, before.stripe), busyMs: after.busyMs - before.busyMs };
}

export const USER_LOOKUP_ROUTE = 'GET /settings/v3/users/{id}';
