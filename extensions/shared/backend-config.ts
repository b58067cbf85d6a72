import * as z from 'zod';

/** The backend's base URL, as the build writes it (scripts/build/build-settings.ts checks it is https:// there). */
export const BACKEND_URL_PATTERN = /^https?:\/\/[^/\s]+(\/[^\s]*)?$/;

/** HubSpot's app host for the account (account-info `uiDomain`): app.hubspot.com, or app-eu1.hubspot.com for the EU data center. */
export const UI_DOMAIN_PATTERN = /^app(-[a-z0-9]+)?\.hubspot(qa)?\.com$/;
export const DEFAULT_UI_DOMAIN = 'app.hubspot.com';

const backendConfigSchema = z.object({
  backendUrl: z.string().regex(BACKEND_URL_PATTERN, 'must be the backend URL (https://…)'),
  uiDomain: z.string().regex(UI_DOMAIN_PATTERN, "must be the account's HubSpot app domain, e.g. app-eu1.hubspot.com").default(DEFAULT_UI_DOMAIN),
});

export type BackendConfigResult =
  | { readonly ok: true; readonly backendUrl: string; readonly uiDomain: string }
  | { readonly ok: false; readonly message: string };

/**
 * How a page reaches its backend: backend-config.json next to its entry, rewritten by `npm run build` from
 * BACKEND_URL (and HUBSPOT_UI_DOMAIN, where its links to records go). Pages always use hubspot.fetch: only a signed request names the acting user (design §5).
 */
export function readBackendConfig(raw: unknown): BackendConfigResult {
  const parsed = backendConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, backendUrl: parsed.data.backendUrl.replace(/\/+$/, ''), uiDomain: parsed.data.uiDomain };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `backend-config.json: ${issue ? `${issue.path.join('.') || 'config'} ${issue.message}` : 'is invalid'}` };
}
