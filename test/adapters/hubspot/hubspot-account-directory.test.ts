import { createHubSpotAccountDirectory } from '../../../src/adapters/hubspot/hubspot-account-directory';
import { createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';
import { HubSpotMock, fastClientOptions, hubSpotError } from '../../support/hubspot-mock';

let hubspot: HubSpotMock;

beforeEach(() => {
  hubspot = HubSpotMock.start();
});
afterAll(() => {
  HubSpotMock.restore();
});
afterEach(() => {
  hubspot.close();
  expect(hubspot.problems()).toEqual([]);
});

const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, email: `${name.toLowerCase()}@example.com`, firstName: name, superAdmin: false, roleIds: [], ...extra });

describe('the account directory (settings-users-v3)', () => {
  it('reads every page of users, 100 at a time', async () => {
    hubspot.expect(
      { method: 'GET', path: '/settings/users/v3', query: 'limit=100' },
      { status: 200, body: { results: [user('1', 'Ada', { superAdmin: true }), user('2', 'Rita', { primaryTeamId: '7' })], paging: { next: { after: '100', link: '?after=100' } } } },
    );
    hubspot.expect({ method: 'GET', path: '/settings/users/v3', query: 'limit=100&after=100' }, { status: 200, body: { results: [user('4', 'Mona')] } });
    const directory = createHubSpotAccountDirectory(createHubSpotClient(fastClientOptions(hubspot)));
    const users = await directory.listUsers();
    expect(users.map((found) => [found.id, found.firstName, found.superAdmin, found.teamIds])).toEqual([
      ['1', 'Ada', true, []],
      ['2', 'Rita', false, ['7']],
      ['4', 'Mona', false, []],
    ]);
  });

  it('reads teams and roles (permission sets) by name', async () => {
    hubspot.expect({ method: 'GET', path: '/settings/v3/users/teams' }, { status: 200, body: { results: [{ id: '7', name: 'Support', userIds: ['2'], secondaryUserIds: [] }] } });
    hubspot.expect({ method: 'GET', path: '/settings/v3/users/roles' }, { status: 200, body: { results: [{ id: '30', name: 'Support rep', requiresBillingWrite: false }] } });
    const directory = createHubSpotAccountDirectory(createHubSpotClient(fastClientOptions(hubspot)));
    expect(await directory.listTeams()).toEqual([{ id: '7', name: 'Support' }]);
    expect(await directory.listRoles()).toEqual([{ id: '30', name: 'Support rep' }]);
  });

  it('says what is missing when the app lacks the teams scope', async () => {
    hubspot.expect({ method: 'GET', path: '/settings/v3/users/teams' }, hubSpotError(403, 'MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call.'));
    const directory = createHubSpotAccountDirectory(createHubSpotClient(fastClientOptions(hubspot)));
    await expect(directory.listTeams()).rejects.toMatchObject({ code: expect.any(String) });
  });
});
