import type { Migration } from './migration';

/**
 * What a retried CRM write needs to know cheaply. Whether a note may exist whose id was never kept: a try that
 * began and never reported (`try_open`: its process died), or one that failed once it had sent the note
 * (`note_may_exist`), on this job or an older job of the same attempt. And which jobs wait only for HubSpot to
 * come back (`waiting_for_crm`), so that one success wakes them all.
 */
export const outboxRetries: Migration = {
  version: 5,
  name: 'outbox_retries',
  sql: `
    CREATE INDEX crm_outbox_attempt ON crm_outbox (attempt_id) WHERE attempt_id IS NOT NULL;
    ALTER TABLE crm_outbox ADD COLUMN waiting_for_crm boolean NOT NULL DEFAULT false;
    ALTER TABLE crm_outbox ADD COLUMN try_open boolean NOT NULL DEFAULT false;
    ALTER TABLE crm_outbox ADD COLUMN note_may_exist boolean NOT NULL DEFAULT false;
  `,
};
