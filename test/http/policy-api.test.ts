import { policySource } from '../../src/application/policy/policy-source';
import { seedPolicy } from '../../src/application/policy/seed-policy';
import { silentLogger } from '../../src/adapters/logging/json-logger';
import { parsePolicy } from '../../src/domain/policy';
import { httpTestBackend, startHttp } from '../support/test-backend';

const ADMIN = '1';
const REP = '2';

const tighter = {
  refunders: { superAdmins: true, userIds: [], teamIds: ['7'], roleIds: [] },
  approvers: { superAdmins: true, userIds: [], teamIds: ['9'], roleIds: [] },
  limits: { USD: { perRefund: '100.00', perDay: '300.00' } },
  otherCurrencies: 'needs_approval',
  limitSuperAdmins: false,
  requireNoteFor: ['fraudulent', 'other'],
  approvalExpiresAfterHours: 48,
};

describe('the refund policy over HTTP (design §5, §7)', () => {
  const setup = httpTestBackend({ clientSecret: null, allowUnsigned: true });

  it('shows super admins the policy with its version, and nobody else', async () => {
    const read = await setup.http.request('GET', `/api/policy?userId=${ADMIN}`);
    expect(read).toMatchObject({
      status: 200,
      body: { version: 1, locked: false, source: 'seed', updatedBy: null, policy: { refunders: { teamIds: ['7'] }, limits: { USD: { perRefund: '500.00' } } } },
    });
    expect((await setup.http.request('GET', `/api/policy?userId=${REP}`)).body.error.code).toBe('NOT_PERMITTED');
    expect((await setup.http.request('GET', `/api/policy/history?userId=${REP}`)).status).toBe(403);
  });

  it('saves a new version over the one read, which then applies to refunds', async () => {
    const saved = await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: tighter, version: 1 } });
    expect(saved).toMatchObject({ status: 200, body: { version: 2, source: 'settings', updatedBy: { userId: ADMIN, name: 'Ada Admin' }, policy: tighter } });
    const refund = await setup.http.request('POST', `/api/transactions/deals/1001/refunds?userId=${REP}`, { body: { amount: '150', reason: 'duplicate', idempotencyKey: 'policy-key-01' } });
    expect(refund.status).toBe(202);
    const noNote = await setup.http.request('POST', `/api/transactions/deals/1001/refunds?userId=${REP}`, { body: { amount: '10', reason: 'fraudulent', idempotencyKey: 'policy-key-02' } });
    expect(noNote).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', details: { field: 'note' } } } });
  });

  it('changes nothing when the same policy is saved again', async () => {
    const current = (await setup.http.request('GET', `/api/policy?userId=${ADMIN}`)).body;
    const again = await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: current.policy, version: 1 } });
    expect(again.body.version).toBe(1);
  });

  it('refuses a save over a version someone else replaced', async () => {
    await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: tighter, version: 1 } });
    const stale = await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: { ...tighter, approvalExpiresAfterHours: 12 }, version: 1 } });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'POLICY_VERSION_CONFLICT', details: { currentVersion: 2 } } } });
  });

  it('lists every problem of an invalid policy at once, and saves nothing', async () => {
    const invalid = await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, {
      body: { policy: { ...tighter, limits: { USD: { perRefund: '1.234' }, EURO: {} }, approvalExpiresAfterHours: 0, typo: true }, version: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('INVALID_POLICY');
    expect(invalid.body.error.details.problems.map((problem: { path: string }) => problem.path).sort()).toEqual(['approvalExpiresAfterHours', 'limits.EURO', 'limits.USD.perRefund', 'typo']);
    expect((await setup.http.request('GET', `/api/policy?userId=${ADMIN}`)).body.version).toBe(1);
    expect((await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { version: 1 } })).status).toBe(400);
    expect((await setup.http.request('PUT', `/api/policy?userId=${REP}`, { body: { policy: tighter, version: 1 } })).status).toBe(403);
  });

  it('keeps the history, newest first, with who, when and what changed', async () => {
    await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: tighter, version: 1 } });
    await setup.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: { ...tighter, approvalExpiresAfterHours: 12 }, version: 2 } });
    const history = await setup.http.request('GET', `/api/policy/history?userId=${ADMIN}&limit=2`);
    expect(history.body.results.map((item: { version: number }) => item.version)).toEqual([3, 2]);
    expect(history.body.results[0]).toMatchObject({ updatedBy: { name: 'Ada Admin' }, changes: ['approvalExpiresAfterHours: 48 → 12'] });
    expect(history.body.results[1].changes).toEqual(
      expect.arrayContaining(['approvers.teamIds: added 9', 'limits.USD.perRefund: 500.00 → 100.00', 'limits.USD.perDay: none → 300.00', 'otherCurrencies: no_limit → needs_approval']),
    );
    expect(history.body.nextCursor).toBe('2');
    const older = await setup.http.request('GET', `/api/policy/history?userId=${ADMIN}&cursor=2`);
    expect(older.body).toMatchObject({ results: [{ version: 1, changes: ['first version'] }], nextCursor: null });
  });

  it('is read-only when pinned by the configuration, and says so', async () => {
    const pinned = parsePolicy(tighter);
    if (!pinned.ok) throw new Error('invalid');
    await seedPolicy(setup.backend.deps.policyStore, { configured: pinned.document, locked: true }, setup.backend.clock, silentLogger);
    const locked = { ...setup.backend.deps, policies: policySource(setup.backend.deps.policyStore, setup.backend.clock, true) };
    const lockedHttp = await startHttp(locked, { clientSecret: null, allowUnsigned: true });
    try {
      expect((await lockedHttp.request('GET', `/api/policy?userId=${ADMIN}`)).body).toMatchObject({ locked: true, version: 2, source: 'locked', policy: tighter });
      const save = await lockedHttp.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: tighter, version: 2 } });
      expect(save).toMatchObject({ status: 409, body: { error: { code: 'POLICY_LOCKED' } } });
    } finally {
      await lockedHttp.close();
    }
  });
});

describe('what the settings page picks from', () => {
  const setup = httpTestBackend({ clientSecret: null, allowUnsigned: true });

  it('lists the account\'s users, teams and roles by name, and the currencies with their decimals, for super admins', async () => {
    const options = await setup.http.request('GET', `/api/policy/options?userId=${ADMIN}`);
    expect(options.status).toBe(200);
    expect(options.body.users.map((user: { name: string }) => user.name)).toEqual(['Ada Admin', 'Mona Manager', 'Nick Noaccess', 'Rita Rep']);
    expect(options.body.users[0]).toEqual({ id: '1', name: 'Ada Admin', email: 'ada.admin@example.com', superAdmin: true });
    expect(options.body.teams).toEqual([{ id: '9', name: 'Finance' }, { id: '8', name: 'Sales' }, { id: '7', name: 'Support' }]);
    expect(options.body.roles.map((role: { name: string }) => role.name)).toEqual(['Finance manager', 'Sales rep', 'Support rep']);
    expect(options.body.currencies).toEqual(expect.arrayContaining([{ code: 'USD', decimals: 2 }, { code: 'JPY', decimals: 0 }, { code: 'KWD', decimals: 3 }]));
    expect((await setup.http.request('GET', `/api/policy/options?userId=${REP}`)).status).toBe(403);
  });
});
