import type { TransactionRef } from '../domain/ids';

export interface TimelineNote {
  /** HTML, already escaped where it carries user text */
  readonly bodyHtml: string;
  readonly timestamp: Date;
}

export interface CrmTimeline {
  /** Creates a note associated to the record; returns its id. */
  createNote(ref: TransactionRef, note: TimelineNote): Promise<string>;
  /** Rewrites a note this app created before (an attempt that moved on from pending/unknown). */
  updateNote(noteId: string, note: TimelineNote): Promise<void>;
  /**
   * A note on the record whose body holds `marker`, or null. A retried write asks before creating: its first try may
   * have created the note and died (or lost the database) before it could keep the id, and HubSpot has no
   * idempotency key for notes.
   */
  findNote(ref: TransactionRef, marker: string): Promise<string | null>;
}
