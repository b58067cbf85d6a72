import { AppError } from '../../domain/errors';

/** An opaque cursor over (created_at, id), for keyset paging. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, 'utf8').toString('base64url');
}

/** null for no cursor; a cursor that is not one of ours is the caller's mistake. */
export function decodeCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime())) {
    throw new AppError('INVALID_REQUEST', 'The cursor is not one this API gave out: start again from the first page.', { field: 'cursor' });
  }
  return { at: date, id };
}
