import type { Migration } from './migration';

/** The local CRM of sandbox mode: records, notes and users beside the ledger. */
export const sandboxCrm: Migration = {
  version: 2,
  name: 'sandbox_crm',
  sql: `
      CREATE TABLE sandbox_records (
        object_type text NOT NULL,
        object_id text NOT NULL,
        properties jsonb NOT NULL,
        PRIMARY KEY (object_type, object_id)
      );
      CREATE TABLE sandbox_notes (
        id bigserial PRIMARY KEY,
        object_type text NOT NULL,
        object_id text NOT NULL,
        body_html text NOT NULL,
        note_timestamp timestamptz NOT NULL
      );
      CREATE TABLE sandbox_users (
        id text PRIMARY KEY,
        email text NOT NULL,
        first_name text,
        last_name text,
        super_admin boolean NOT NULL,
        role_ids jsonb NOT NULL,
        team_ids jsonb NOT NULL
      );
    `,
};
