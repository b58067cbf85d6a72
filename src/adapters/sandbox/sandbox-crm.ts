import type { DirectoryUser } from '../../domain/directory-user';
import { hubSpotUserId, type TransactionRef } from '../../domain/ids';
import type { AccountDirectory, NamedItem } from '../../ports/account-directory';
import type { CrmRecords, RefundProperties, TransactionRecordFields } from '../../ports/crm-records';
import type { CrmAccount } from '../../ports/crm-account';
import type { CrmSchema } from '../../ports/crm-schema';
import type { CrmTimeline, TimelineNote } from '../../ports/crm-timeline';
import type { UserDirectory } from '../../ports/user-directory';
import { type TransactionPropertyOverrides, propertyNamesFor, toTransactionFields } from '../crm-property-names';
import type { Database } from '../store/database';
import { DEMO_ROLES, DEMO_TEAMS, resetSandbox } from './sandbox-seed';

/**
 * The local CRM of sandbox mode (design §7), kept in the ledger database: records are property bags
 * under the same property names as in HubSpot, notes and users live beside them.
 */
export class SandboxCrm implements CrmRecords, CrmTimeline, UserDirectory, CrmSchema, AccountDirectory, CrmAccount {
  constructor(
    private readonly db: Database,
    private readonly overrides: TransactionPropertyOverrides = {},
  ) {}

  async readTransaction(ref: TransactionRef): Promise<TransactionRecordFields | null> {
    const properties = await this.propertiesOf(ref);
    if (!properties) return null;
    return toTransactionFields(propertyNamesFor(ref.objectType, this.overrides), properties);
  }

  async writeRefundProperties(ref: TransactionRef, properties: RefundProperties): Promise<void> {
    await this.db.query('UPDATE sandbox_records SET properties = properties || $3::jsonb WHERE object_type = $1 AND object_id = $2', [
      ref.objectType,
      ref.objectId,
      JSON.stringify(properties),
    ]);
  }

  async propertiesOf(ref: TransactionRef): Promise<Record<string, string> | null> {
    const [row] = await this.db.query<{ properties: Record<string, string> }>(
      'SELECT properties FROM sandbox_records WHERE object_type = $1 AND object_id = $2',
      [ref.objectType, ref.objectId],
    );
    return row?.properties ?? null;
  }

  /** Empties the ledger and the demo CRM and seeds the demo again (`npm run cli -- sandbox reset`). */
  reset(): Promise<void> {
    return resetSandbox(this.db);
  }

  /** Every record of a type with its properties, ordered by id: the demo records and what was written to them. */
  async listRecords(objectType: string): Promise<{ objectId: string; properties: Record<string, string> }[]> {
    const rows = await this.db.query<{ object_id: string; properties: Record<string, string> }>(
      'SELECT object_id, properties FROM sandbox_records WHERE object_type = $1 ORDER BY length(object_id), object_id',
      [objectType],
    );
    return rows.map((row) => ({ objectId: row.object_id, properties: row.properties }));
  }

  async listUsers(): Promise<DirectoryUser[]> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM sandbox_users ORDER BY length(id), id');
    const users = await Promise.all(rows.map((row) => this.findUser(row.id)));
    return users.filter((user): user is DirectoryUser => user !== null);
  }

  async listTeams(): Promise<NamedItem[]> {
    return DEMO_TEAMS.map((team) => ({ ...team }));
  }

  async listRoles(): Promise<NamedItem[]> {
    return DEMO_ROLES.map((role) => ({ ...role }));
  }

  async createNote(ref: TransactionRef, note: TimelineNote): Promise<string> {
    const [row] = await this.db.query<{ id: bigint }>(
      'INSERT INTO sandbox_notes (object_type, object_id, body_html, note_timestamp) VALUES ($1, $2, $3, $4) RETURNING id',
      [ref.objectType, ref.objectId, note.bodyHtml, note.timestamp],
    );
    return String(row?.id);
  }

  async updateNote(noteId: string, note: TimelineNote): Promise<void> {
    await this.db.query('UPDATE sandbox_notes SET body_html = $2, note_timestamp = $3 WHERE id = $1', [noteId, note.bodyHtml, note.timestamp]);
  }

  async findNote(ref: TransactionRef, marker: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: bigint }>(
      'SELECT id FROM sandbox_notes WHERE object_type = $1 AND object_id = $2 AND strpos(body_html, $3) > 0 ORDER BY id DESC LIMIT 1',
      [ref.objectType, ref.objectId, marker],
    );
    return row ? String(row.id) : null;
  }

  async notesOf(ref: TransactionRef): Promise<{ id: string; bodyHtml: string }[]> {
    const rows = await this.db.query<{ id: bigint; body_html: string }>(
      'SELECT id, body_html FROM sandbox_notes WHERE object_type = $1 AND object_id = $2 ORDER BY id',
      [ref.objectType, ref.objectId],
    );
    return rows.map((row) => ({ id: String(row.id), bodyHtml: row.body_html }));
  }

  async findUser(userId: string): Promise<DirectoryUser | null> {
    const [row] = await this.db.query<{
      id: string; email: string; first_name: string | null; last_name: string | null; super_admin: boolean; role_ids: string[]; team_ids: string[];
    }>('SELECT * FROM sandbox_users WHERE id = $1', [userId]);
    if (!row) return null;
    return {
      id: hubSpotUserId(row.id),
      email: row.email,
      ...(row.first_name ? { firstName: row.first_name } : {}),
      ...(row.last_name ? { lastName: row.last_name } : {}),
      superAdmin: row.super_admin,
      roleIds: row.role_ids,
      teamIds: row.team_ids,
    };
  }

  /** Sandbox records are property bags: every property exists as soon as it is written. */
  async ensureProperties(objectType: string, _group: unknown, properties: readonly { name: string }[]) {
    return properties.map((property) => ({ kind: 'unchanged' as const, objectType, name: property.name }));
  }

  async details(): Promise<null> {
    return null;
  }
}
