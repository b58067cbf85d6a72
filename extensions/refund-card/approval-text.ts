import type { ViewerView } from '../shared/api-schemas';
import { exceeds } from '../shared/decimal-amount';

/** Whether this amount goes to an approver first (the backend decides; the card only says so beforehand). */
export function needsApproval(amount: string, viewer: ViewerView): boolean {
  return viewer.approvalAbove !== null && exceeds(amount, viewer.approvalAbove);
}

/** Said before sending: nothing leaves until someone approves. */
export function approvalLine(viewer: ViewerView): string {
  return `This needs approval${viewer.approvalBy ? ` by ${viewer.approvalBy}` : ''} before anything is sent: until then the amount is only held.`;
}
