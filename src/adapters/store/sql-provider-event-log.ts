import type { ProviderEventLog } from '../../ports/provider-event-log';
import type { Database } from './database';

export class SqlProviderEventLog implements ProviderEventLog {
  constructor(private readonly db: Database) {}

  async seen(provider: string, eventId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM provider_events WHERE provider = $1 AND event_id = $2', [provider, eventId]);
    return rows.length > 0;
  }

  async record(entry: Parameters<ProviderEventLog['record']>[0]): Promise<void> {
    await this.db.query(
      'INSERT INTO provider_events (provider, event_id, event_type, received_at, outcome) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [entry.provider, entry.eventId, entry.eventType, entry.receivedAt, entry.outcome],
    );
  }
}
