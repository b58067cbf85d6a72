import { readBackendConfig } from '../../extensions/shared/backend-config';

describe("a page's backend-config.json", () => {
  test('gives the backend URL without a trailing slash, and app.hubspot.com for record links unless the build said otherwise', () => {
    expect(readBackendConfig({ backendUrl: 'https://refunds.example.com/' })).toEqual({ ok: true, backendUrl: 'https://refunds.example.com', uiDomain: 'app.hubspot.com' });
    expect(readBackendConfig({ backendUrl: 'https://refunds.example.com', uiDomain: 'app-eu1.hubspot.com' })).toEqual({ ok: true, backendUrl: 'https://refunds.example.com', uiDomain: 'app-eu1.hubspot.com' });
  });

  test('refuses an app domain that is not HubSpot\'s, so that no build can send record links elsewhere', () => {
    expect(readBackendConfig({ backendUrl: 'https://refunds.example.com', uiDomain: 'evil.example.com' })).toEqual({
      ok: false,
      message: "backend-config.json: uiDomain must be the account's HubSpot app domain, e.g. app-eu1.hubspot.com",
    });
  });
});
