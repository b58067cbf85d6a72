import * as z from 'zod';
import type { DirectoryUser } from '../../domain/directory-user';
import type { AccountDirectory, NamedItem } from '../../ports/account-directory';
import { type HubSpotClient, malformedResponse, unexpectedResponse } from './hubspot-client';
import { publicUserSchema, toDirectoryUser, zodIssues } from './hubspot-mapping';

/** settings-users-v3: GET /settings/users/v3 pages forward with `after` (CollectionResponsePublicUserForwardPaging). */
const usersPageSchema = z.object({
  results: z.array(publicUserSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});
/** settings-users-v3: teams (PublicTeam, needs settings.users.teams.read) and roles (PublicPermissionSet), unpaged. */
const namedSchema = z.object({ results: z.array(z.object({ id: z.string(), name: z.string() })) });

/** HubSpot answers at most 100 users a page (its user-provisioning docs); an account is read page by page. */
const USERS_PAGE = 100;
/** Enough for any account that uses a refund policy by name; a bound, so a broken paging cannot loop forever. */
const MAX_USER_PAGES = 100;

export function createHubSpotAccountDirectory(client: HubSpotClient): AccountDirectory {
  return {
    async listUsers(): Promise<DirectoryUser[]> {
      const users: DirectoryUser[] = [];
      let after: string | undefined;
      for (let page = 0; page < MAX_USER_PAGES; page += 1) {
        const response = await client.send({
          method: 'GET',
          path: '/settings/users/v3',
          query: [['limit', String(USERS_PAGE)], ...(after ? ([['after', after]] as const) : [])],
        });
        if (response.status !== 200) throw unexpectedResponse(response, 'list the account\'s users');
        const parsed = usersPageSchema.safeParse(response.body);
        if (!parsed.success) throw malformedResponse('list the account\'s users', zodIssues(parsed.error));
        users.push(...parsed.data.results.map(toDirectoryUser));
        after = parsed.data.paging?.next?.after;
        if (!after) break;
      }
      return users;
    },
    listTeams: () => named(client, '/settings/v3/users/teams', 'teams'),
    listRoles: () => named(client, '/settings/v3/users/roles', 'roles'),
  };
}

async function named(client: HubSpotClient, path: string, what: string): Promise<NamedItem[]> {
  const response = await client.send({ method: 'GET', path });
  if (response.status !== 200) throw unexpectedResponse(response, `list the account's ${what}`);
  const parsed = namedSchema.safeParse(response.body);
  if (!parsed.success) throw malformedResponse(`list the account's ${what}`, zodIssues(parsed.error));
  return parsed.data.results.map((item) => ({ id: item.id, name: item.name }));
}
