import type { RefundReason } from './api-schemas';
import { reasonLabel } from './labels';

export function reasonSummary(reason: RefundReason, note: string): string {
  const trimmed = note.trim();
  return trimmed ? `Reason: ${reasonLabel(reason)}. Note: ${trimmed}` : `Reason: ${reasonLabel(reason)}.`;
}
