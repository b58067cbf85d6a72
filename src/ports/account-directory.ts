import type { DirectoryUser } from '../domain/directory-user';

export interface NamedItem {
  readonly id: string;
  readonly name: string;
}

/** The account's users, teams and roles, for picking refunders and approvers by name (the settings page). */
export interface AccountDirectory {
  listUsers(): Promise<DirectoryUser[]>;
  listTeams(): Promise<NamedItem[]>;
  listRoles(): Promise<NamedItem[]>;
}
