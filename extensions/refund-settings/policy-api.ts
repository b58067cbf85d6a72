import type { ApiResult } from '../shared/api-error';
import { interpret, queryString, sendWithFetch } from '../shared/backend-fetch';
import {
  type PolicyDocument,
  type PolicyHistoryPage,
  policyHistoryPageSchema,
  type PolicyOptions,
  policyOptionsSchema,
  type PolicyView,
  policyViewSchema,
} from './policy-schemas';

/** How many versions one page of the history shows. */
export const HISTORY_PAGE_SIZE = 10;

export interface PolicyApi {
  get(): Promise<ApiResult<PolicyView>>;
  /** saves over `version`, the one read: a newer one makes 409 POLICY_VERSION_CONFLICT */
  save(policy: PolicyDocument, version: number): Promise<ApiResult<PolicyView>>;
  options(): Promise<ApiResult<PolicyOptions>>;
  history(cursor: string | null): Promise<ApiResult<PolicyHistoryPage>>;
}

/** The settings page's one way to its backend (GET/PUT /api/policy, …/options, …/history); every answer parsed. */
export function createPolicyApi(backendUrl: string): PolicyApi {
  const send = sendWithFetch(backendUrl);
  return {
    get: async () => interpret(await send('GET', '/api/policy'), policyViewSchema),
    save: async (policy, version) => interpret(await send('PUT', '/api/policy', { policy, version }), policyViewSchema),
    options: async () => interpret(await send('GET', '/api/policy/options'), policyOptionsSchema),
    history: async (cursor) => interpret(await send('GET', `/api/policy/history${queryString({ limit: String(HISTORY_PAGE_SIZE), cursor })}`), policyHistoryPageSchema),
  };
}
