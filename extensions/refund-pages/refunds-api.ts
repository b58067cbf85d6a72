import type { ApiResult } from '../shared/api-error';
import { type AttemptResult, attemptResultSchema } from '../shared/api-schemas';
import { interpret, queryString, sendWithFetch } from '../shared/backend-fetch';
import { type Decision, decisionPath } from '../shared/decision';
import {
  type ApprovalPage,
  approvalPageSchema,
  type ExportLink,
  exportLinkSchema,
  type RefundListPage,
  refundListPageSchema,
  type Summary,
  type SummaryGroup,
  summarySchema,
} from './report-schemas';

/** The filters of GET /api/refunds, …/summary and …/export-link, as query parameters (lists repeat the name). */
export type ReportQuery = Readonly<Record<string, string | readonly string[]>>;

/** How many attempts one page of the list shows. */
export const LIST_PAGE_SIZE = 25;

export interface RefundsApi {
  approvals(cursor: string | null): Promise<ApiResult<ApprovalPage>>;
  /** approve (note optional) or reject (note required) */
  decide(attemptId: string, decision: Decision, note: string | undefined): Promise<ApiResult<AttemptResult>>;
  refunds(query: ReportQuery, cursor: string | null): Promise<ApiResult<RefundListPage>>;
  summary(query: ReportQuery, groupBy: SummaryGroup): Promise<ApiResult<Summary>>;
  exportLink(query: ReportQuery): Promise<ApiResult<ExportLink>>;
}

/** The home page's one way to its backend; every answer parsed. */
export function createRefundsApi(backendUrl: string): RefundsApi {
  const send = sendWithFetch(backendUrl);
  return {
    approvals: async (cursor) => interpret(await send('GET', `/api/approvals${queryString({ cursor })}`), approvalPageSchema),
    decide: async (attemptId, decision, note) => interpret(await send('POST', decisionPath(attemptId, decision), note === undefined ? {} : { note }), attemptResultSchema),
    refunds: async (query, cursor) => interpret(await send('GET', `/api/refunds${queryString({ ...query, limit: String(LIST_PAGE_SIZE), cursor })}`), refundListPageSchema),
    summary: async (query, groupBy) => interpret(await send('GET', `/api/refunds/summary${queryString({ groupBy, ...query })}`), summarySchema),
    exportLink: async (query) => interpret(await send('GET', `/api/refunds/export-link${queryString(query)}`), exportLinkSchema),
  };
}
