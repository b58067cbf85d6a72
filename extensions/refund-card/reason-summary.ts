import type { RefundReason } from '../shared/api-schemas';
import { reasonLabel } from '../shared/labels';

export function reasonSummary(reason: RefundReason, note: string): string {
  const trimmed = note.trim();
  return trimmed ? `Reason: ${reasonLabel(reason)}. Note: ${trimmed}` : `Reason: ${reasonLabel(reason)}.`;
}
