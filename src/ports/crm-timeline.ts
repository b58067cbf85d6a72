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
}
