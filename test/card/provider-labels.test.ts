import { dashboardLabel, providerLabel } from '../../extensions/shared/labels';
import { providerModules } from '../../src/adapters/providers/provider-modules';

/* The card is built and shipped alone and cannot import the backend: its provider labels are held to the modules'. */

describe("the card's provider labels", () => {
  it.each(providerModules().map((module) => [module.name, module.label, module.dashboard] as const))('name %s as its module does (%s, %s)', (name, label, dashboard) => {
    expect(providerLabel(name)).toBe(label);
    expect(dashboardLabel(name)).toBe(dashboard);
  });
});
