import { startTestCluster } from './postgres-cluster';

export default async function globalSetup(): Promise<void> {
  (globalThis as { testCluster?: unknown }).testCluster = await startTestCluster();
}
