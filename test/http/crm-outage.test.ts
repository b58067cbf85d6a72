import { syncCrm } from '../../src/application/crm-write/sync-crm';
import { AppError } from '../../src/domain/errors';
import type { CrmRecords } from '../../src/ports/crm-records';
import type { CrmTimeline } from '../../src/ports/crm-timeline';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

describe('when HubSpot is down', () => {
  let backend: TestBackend;
  let http: HttpClient;
  let recordsDown = false;
  let writesDown = false;

  beforeAll(async () => {
    // The fakes wrap the backend's own sandbox CRM, built just below.
    const records: CrmRecords = {
      readTransaction: (ref) => (recordsDown ? Promise.reject(new AppError('CRM_UNAVAILABLE', 'HubSpot is not answering right now; try again in a minute.')) : backend.crm.readTransaction(ref)),
      writeRefundProperties: (ref, properties) => (writesDown ? Promise.reject(new Error('HubSpot 503')) : backend.crm.writeRefundProperties(ref, properties)),
    };
    const timeline: CrmTimeline = {
      createNote: (ref, note) => (writesDown ? Promise.reject(new Error('HubSpot 429')) : backend.crm.createNote(ref, note)),
      updateNote: (id, note) => (writesDown ? Promise.reject(new Error('HubSpot 429')) : backend.crm.updateNote(id, note)),
      findNote: (ref, marker) => (writesDown ? Promise.reject(new Error('HubSpot 429')) : backend.crm.findNote(ref, marker)),
    };
    backend = await testBackend({ records, timeline });
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  beforeEach(async () => {
    recordsDown = false;
    writesDown = false;
    await backend.reset();
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  it('answers 503 CRM_UNAVAILABLE when the record cannot be read, and refunds nothing', async () => {
    recordsDown = true;
    const response = await http.request('POST', '/api/transactions/deals/1001/refunds?userId=1', { body: { amount: '1', reason: 'duplicate', idempotencyKey: 'outage-key-1' } });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('CRM_UNAVAILABLE');
    expect(backend.stripe.calls).toHaveLength(0);
  });

  it('keeps the refund when the write-back fails, and delivers it later from the outbox', async () => {
    writesDown = true;
    const response = await http.request('POST', '/api/transactions/deals/1001/refunds?userId=1', { body: { amount: '10', reason: 'duplicate', idempotencyKey: 'outage-key-2' } });
    expect(response.status).toBe(201);
    expect(response.body.attempt.status).toBe('succeeded');
    expect(await backend.deps.outbox.backlog()).toBe(1);
    expect(await backend.crm.propertiesOf({ objectType: 'deals', objectId: '1001' })).not.toHaveProperty('refund_status');

    writesDown = false;
    expect(await syncCrm(backend.deps)).toEqual({ delivered: 0, failed: 0 });
    backend.clock.set(new Date(Date.now() + 6_000));
    expect(await syncCrm(backend.deps)).toEqual({ delivered: 1, failed: 0 });
    expect(await backend.deps.outbox.backlog()).toBe(0);
    expect(await backend.crm.propertiesOf({ objectType: 'deals', objectId: '1001' })).toMatchObject({ refund_status: 'partially_refunded', refunded_amount: '10.00' });
    expect(await backend.crm.notesOf({ objectType: 'deals', objectId: '1001' })).toHaveLength(1);
  });
});
