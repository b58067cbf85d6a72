import { providerModule } from '../provider-module';
import { createManualProvider } from './manual-provider';

/** Payments taken offline: always on, nothing to configure, nothing sent anywhere. */
export const manualModule = providerModule({
  name: 'manual',
  label: 'Manual (paid offline)',
  dashboard: null,
  switchedOnBy: null,
  variables: {},
  settings: () => ({}),
  create: () => createManualProvider(),
  webhooks: null,
  simulation: null,
});
