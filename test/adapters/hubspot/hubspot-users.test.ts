import { createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';
import { createHubSpotUsers } from '../../../src/adapters/hubspot/hubspot-users';
import { hubSpotUserId } from '../../../src/domain/ids';
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

describe('findUser', () => {
  it('maps a PublicUser: teams are primary + secondary, roles are roleIds ∪ roleId', async () => {
    hubspot.expect(
      { method: 'GET', path: '/settings/v3/users/2231' },
      {
        status: 200,
        body: {
          id: '2231',
          email: 'rep@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          superAdmin: false,
          roleIds: ['310', '311'],
          roleId: '312',
          primaryTeamId: '40',
          secondaryTeamIds: ['41', '40'],
          sendWelcomeEmail: false,
        },
      },
    );
    const users = createHubSpotUsers(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(users.findUser(hubSpotUserId('2231'))).resolves.toEqual({
      id: '2231',
      email: 'rep@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      superAdmin: false,
      roleIds: ['310', '311', '312'],
      teamIds: ['40', '41'],
    });
    expect(hubspot.requests).toHaveLength(1);
  });

  it('maps a super admin without teams or names', async () => {
    hubspot.expect({ method: 'GET', path: '/settings/v3/users/1' }, { status: 200, body: { id: '1', email: 'owner@example.com', superAdmin: true, roleIds: [] } });
    const users = createHubSpotUsers(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(users.findUser(hubSpotUserId('1'))).resolves.toEqual({ id: '1', email: 'owner@example.com', superAdmin: true, roleIds: [], teamIds: [] });
  });

  it('answers null for a user that is not in the account', async () => {
    hubspot.expect({ method: 'GET', path: '/settings/v3/users/999' }, hubSpotError(404, 'OBJECT_NOT_FOUND', 'User not found'));
    const users = createHubSpotUsers(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(users.findUser(hubSpotUserId('999'))).resolves.toBeNull();
  });

  it('turns a missing scope into CRM_UNAVAILABLE, not a denial', async () => {
    hubspot.expect({ method: 'GET', path: '/settings/v3/users/2231' }, hubSpotError(403, 'MISSING_SCOPES', 'This app lacks the settings.users.read scope.'));
    const users = createHubSpotUsers(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(users.findUser(hubSpotUserId('2231'))).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE', details: { status: 403, category: 'MISSING_SCOPES' } });
    expect(hubspot.requests).toHaveLength(1);
  });

  it('turns an off-spec answer into CRM_UNAVAILABLE', async () => {
    hubspot.expect({ method: 'GET', path: '/settings/v3/users/2231' }, { status: 200, body: { id: '2231', email: 'rep@example.com', superAdmin: 'no', roleIds: [] } });
    const users = createHubSpotUsers(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(users.findUser(hubSpotUserId('2231'))).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE' });
    // the fixture is deliberately off-spec; the hubspot reports it
    expect(hubspot.takeProblems()).toEqual([expect.stringContaining('superAdmin must be boolean')]);
  });

  it('retries a 5xx and then answers', async () => {
    hubspot.expect(
      { method: 'GET', path: '/settings/v3/users/2231' },
      { status: 502, body: '' },
      { status: 200, body: { id: '2231', email: 'rep@example.com', superAdmin: false, roleIds: [] } },
    );
    const users = createHubSpotUsers(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(users.findUser(hubSpotUserId('2231'))).resolves.toMatchObject({ id: '2231' });
    expect(hubspot.requests).toHaveLength(2);
  });
});
