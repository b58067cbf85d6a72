import { readdirSync, readFileSync } from 'node:fs';

/** Proportional set size (shared pages split among their users) and resident size of one process, in bytes; Linux only. */
export function memoryOf(pid: number): { pss: number; rss: number } | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
    return { pss: field('Pss'), rss: field('Rss') };
  } catch {
    return null;
  }
}

/** A process and its children, grandchildren… (the embedded PostgreSQL's backends are the postmaster's children). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of parents.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

export function treeMemory(root: number): { pss: number; rss: number; processes: number } {
  const pids = processTree(root);
  let pss = 0;
  let rss = 0;
  for (const pid of pids) {
    const memory = memoryOf(pid);
    pss += memory?.pss ?? 0;
    rss += memory?.rss ?? 0;
  }
  return { pss, rss, processes: pids.length };
}
