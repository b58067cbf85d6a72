import type { LogFields } from '../../src/ports/logger';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

describe('a bug behind the API', () => {
  let backend: TestBackend;
  let http: HttpClient;
  const logged: { message: string; fields?: LogFields }[] = [];

  beforeAll(async () => {
    const base = await testBackend();
    const ledger = Object.create(base.deps.ledger) as typeof base.deps.ledger;
    ledger.listAttempts = () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'rows') at /srv/app/secret-path.ts:12"));
    const logger = { info: () => undefined, warn: () => undefined, error: (message: string, fields?: LogFields) => void logged.push({ message, fields }) };
    backend = { ...base, deps: { ...base.deps, ledger, logger } };
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  it('answers 500 INTERNAL with a message for the rep, no stack trace, and logs the detail for the operator', async () => {
    const response = await http.request('GET', '/api/transactions/deals/1001?userId=1');
    expect(response).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again in a minute: sending the same form again never refunds twice.' } },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/secret-path|TypeError|at \//);
    expect(logged).toEqual([{ message: 'unexpected error', fields: expect.objectContaining({ path: '/api/transactions/deals/1001' }) }]);
  });
});
