export interface MemoryPeak {
  readonly bytes: number;
  readonly phase: string;
}

export interface MemoryReport {
  readonly samples: number;
  readonly peakRss: MemoryPeak;
  readonly peakHeapUsed: MemoryPeak;
  readonly finalRss: number;
  readonly finalHeapUsed: number;
  /** the highest RSS seen in each phase, in order */
  readonly rssByPhase: ReadonlyMap<string, number>;
}

/** Samples this process's memoryUsage() every `intervalMs`, remembering the peaks and the phase they fell in. */
export function startMemorySampler(intervalMs = 50) {
  let phase = 'start';
  let samples = 0;
  let peakRss: MemoryPeak = { bytes: 0, phase };
  let peakHeapUsed: MemoryPeak = { bytes: 0, phase };
  const rssByPhase = new Map<string, number>();
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    samples += 1;
    rssByPhase.set(phase, Math.max(rss, rssByPhase.get(phase) ?? 0));
    if (rss > peakRss.bytes) peakRss = { bytes: rss, phase };
    if (heapUsed > peakHeapUsed.bytes) peakHeapUsed = { bytes: heapUsed, phase };
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    phase(name: string): void {
      sample();
      phase = name;
    },
    stop(): MemoryReport {
      clearInterval(timer);
      sample();
      const { rss, heapUsed } = process.memoryUsage();
      return { samples, peakRss, peakHeapUsed, finalRss: rss, finalHeapUsed: heapUsed, rssByPhase };
    },
  };
}
