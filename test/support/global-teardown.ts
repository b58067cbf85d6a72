import { stopTestCluster } from './postgres-cluster';

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { testCluster?: Parameters<typeof stopTestCluster>[0] }).testCluster;
  if (cluster) await stopTestCluster(cluster);
}
