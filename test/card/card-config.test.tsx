import checkedIn from '../../extensions/refund-card/card-config.json';
import { CARD_CONFIG, readCardConfig } from '../../extensions/refund-card/card-config';

describe('card-config.json', () => {
  test('the checked-in default talks to a local backend through hubspot.fetch', () => {
    expect(checkedIn).toEqual({ transport: 'fetch', backendUrl: 'http://localhost:3000', functionName: 'refund_api' });
    expect(CARD_CONFIG).toEqual({ ok: true, config: { transport: 'fetch', backendUrl: 'http://localhost:3000' } });
  });

  test('serverless needs only the function uid', () => {
    expect(readCardConfig({ transport: 'serverless', backendUrl: '', functionName: 'refund_api' })).toEqual({ ok: true, config: { transport: 'serverless', functionName: 'refund_api' } });
  });

  test.each([
    [{ transport: 'fetch', backendUrl: '' }, 'card-config.json: backendUrl must be the backend URL (https://…) when transport is "fetch"'],
    [{ transport: 'carrier-pigeon' }, expect.stringContaining('card-config.json: transport')],
    [{ transport: 'serverless', functionName: 'no spaces allowed' }, 'card-config.json: functionName must be the app function uid'],
  ])('refuses %p', (raw, message) => {
    expect(readCardConfig(raw)).toEqual({ ok: false, message });
  });
});
