import type { Logger } from '../ports/logger';

/**
 * Work that follows an answer (the CRM write-back): started at once, never awaited by the request, and
 * drained by hosts that must finish it before they stop (a CLI command, a HubSpot function, shutdown).
 * What it fails to do stays in the outbox.
 */
export interface BackgroundTasks {
  run(name: string, task: () => Promise<unknown>): void;
  /** Resolves when every task is done, or after `withinMs` if given (the rest goes on, with the outbox behind it). */
  drain(withinMs?: number): Promise<void>;
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
    async drain(withinMs) {
      const all = (async () => {
        while (running.size > 0) await Promise.all([...running]);
      })();
      if (withinMs === undefined) return all;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, withinMs));
      });
      try {
        await Promise.race([all, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
