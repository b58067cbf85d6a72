import type { HubSpotUserId } from './ids';

/** A HubSpot user as the permission check needs it (GET /settings/v3/users/{userId}). */
export interface DirectoryUser {
  readonly id: HubSpotUserId;
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly superAdmin: boolean;
  readonly roleIds: readonly string[];
  /** primary and secondary teams together */
  readonly teamIds: readonly string[];
}

export function displayName(user: DirectoryUser): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ').trim();
  return name || user.email;
}
