import type { Logger } from '../ports/logger';

/**
 * Work that follows an answer (the CRM write-back): started at once, never awaited by the request, and
 * drained by hosts that must finish it before they stop (a CLI command, a HubSpot function, shutdown).
 * What it fails to do stays in the outbox.
 */
export interface BackgroundTasks {
  run(name: string, task: () => Promise<unknown>): void;
  drain(): Promise<void>;
}

export function backgroundTasks(logger: Logger): BackgroundTasks {
  const running = new Set<Promise<unknown>>();
  return {
    run(name, task) {
      const promise = task()
        .catch((error: unknown) => logger.warn(`${name} left to the outbox`, { error: String(error) }))
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
