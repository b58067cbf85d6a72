/** What an approver, or the requester, decides about a request awaiting approval (design §5). */
export type Decision = 'approve' | 'reject' | 'cancel';

/** POST /api/attempts/{attemptId}/{approve|reject|cancel} (design §7). */
export function decisionPath(attemptId: string, decision: Decision): string {
  return `/api/attempts/${encodeURIComponent(attemptId)}/${decision}`;
}
