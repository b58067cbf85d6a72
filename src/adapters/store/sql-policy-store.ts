import type { Actor } from '../../domain/attempt';
import { hubSpotUserId } from '../../domain/ids';
import type { PolicyDocument } from '../../domain/policy';
import type { PolicySource, PolicyStore, PolicyVersion } from '../../ports/policy-store';
import type { Database } from './database';

interface PolicyRow {
  version: number;
  document: PolicyDocument;
  source: PolicySource;
  updated_by_user_id: string | null;
  updated_by_name: string | null;
  updated_by_email: string | null;
  updated_at: Date;
}

const COLUMNS = 'version, document, source, updated_by_user_id, updated_by_name, updated_by_email, updated_at';

/** Versions as rows: the next one exists only if the expected one was still the newest (the primary key settles races). */
export class SqlPolicyStore implements PolicyStore {
  constructor(private readonly db: Database) {}

  async current(): Promise<PolicyVersion | null> {
    const [row] = await this.db.query<PolicyRow>(`SELECT ${COLUMNS} FROM refund_policies ORDER BY version DESC LIMIT 1`);
    return row ? versionOf(row) : null;
  }

  async save(document: PolicyDocument, expectedVersion: number, source: PolicySource, updatedBy: Actor | null, at: Date): Promise<PolicyVersion | 'conflict'> {
    const [row] = await this.db.query<PolicyRow>(
      `INSERT INTO refund_policies (${COLUMNS})
       SELECT $1::int + 1, $2::jsonb, $3, $4, $5, $6, $7 WHERE COALESCE((SELECT max(version) FROM refund_policies), 0) = $1::int
       ON CONFLICT (version) DO NOTHING RETURNING ${COLUMNS}`,
      [expectedVersion, JSON.stringify(document), source, updatedBy?.userId ?? null, updatedBy?.name ?? null, updatedBy?.email ?? null, at],
    );
    return row ? versionOf(row) : 'conflict';
  }

  async history(page: { limit: number; beforeVersion?: number | null }): Promise<PolicyVersion[]> {
    const rows = await this.db.query<PolicyRow>(
      `SELECT ${COLUMNS} FROM refund_policies WHERE ($1::int IS NULL OR version < $1) ORDER BY version DESC LIMIT $2`,
      [page.beforeVersion ?? null, page.limit],
    );
    return rows.map(versionOf);
  }
}

function versionOf(row: PolicyRow): PolicyVersion {
  const updatedBy: Actor | null = row.updated_by_user_id
    ? { userId: hubSpotUserId(row.updated_by_user_id), ...(row.updated_by_name ? { name: row.updated_by_name } : {}), ...(row.updated_by_email ? { email: row.updated_by_email } : {}) }
    : null;
  return { version: row.version, document: row.document, source: row.source, updatedBy, updatedAt: row.updated_at };
}
