import type { DirectoryUser } from '../domain/directory-user';
import type { HubSpotUserId } from '../domain/ids';

export interface UserDirectory {
  /** null when no such user exists in the account. */
  findUser(userId: HubSpotUserId): Promise<DirectoryUser | null>;
}
