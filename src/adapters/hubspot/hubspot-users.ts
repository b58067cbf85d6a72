import type { DirectoryUser } from '../../domain/directory-user';
import { AppError } from '../../domain/errors';
import type { HubSpotUserId } from '../../domain/ids';
import type { UserDirectory } from '../../ports/user-directory';
import { type HubSpotClient, segment, unexpectedResponse } from './hubspot-client';
import { publicUserSchema, toDirectoryUser, zodIssues } from './hubspot-mapping';

/**
 * Users through settings-users-v3 (GET /settings/v3/users/{userId}). No cache here: the application wraps one.
 * Any failure other than "no such user" is CRM_UNAVAILABLE, so a permission check never guesses.
 */
export function createHubSpotUsers(client: HubSpotClient): UserDirectory {
  return {
    async findUser(userId: HubSpotUserId): Promise<DirectoryUser | null> {
      const response = await client.send({ method: 'GET', path: `/settings/v3/users/${segment(userId)}` });
      if (response.status === 404) return null;
      if (response.status !== 200) throw asUnavailable(unexpectedResponse(response, 'look up the HubSpot user'));
      const user = publicUserSchema.safeParse(response.body);
      if (!user.success) {
        throw new AppError('CRM_UNAVAILABLE', 'HubSpot answered the user lookup in an unexpected shape; try again in a minute.', {
          issues: zodIssues(user.error),
        });
      }
      return toDirectoryUser(user.data);
    },
  };
}

function asUnavailable(error: AppError): AppError {
  return error.code === 'CRM_UNAVAILABLE' ? error : new AppError('CRM_UNAVAILABLE', error.message, error.details);
}
