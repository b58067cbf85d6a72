import * as z from 'zod';
import { DEFAULT_UI_DOMAIN, UI_DOMAIN_PATTERN } from '../../extensions/shared/backend-config';
import { REFUND_API_UID } from '../../src/functions/function-protocol';
import { type AppJson, permittedUrl, requireBackendOrigin } from './app-config';
import { zodProblems } from './build-error';

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const buildEnvSchema = z.object({
  CARD_TRANSPORT: z.preprocess(blankIsUnset, z.enum(['fetch', 'serverless'], { error: 'must be "fetch" or "serverless"' }).default('fetch')),
  BACKEND_URL: z.preprocess(
    blankIsUnset,
    permittedUrl.refine((value) => !URL.canParse(value) || (!new URL(value).search && !new URL(value).hash), 'must not carry a query or a fragment').optional(),
  ),
  LOCAL_BACKEND_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://localhost:3000' }).optional()),
  HUBSPOT_UI_DOMAIN: z.preprocess(
    blankIsUnset,
    z.string().regex(UI_DOMAIN_PATTERN, "must be the account's HubSpot app domain that `npm run setup` prints, e.g. app-eu1.hubspot.com").default(DEFAULT_UI_DOMAIN),
  ),
});

/** What the card reads at run time (extensions/<card>/card-config.json, see the card ↔ backend protocol). */
export interface CardConfig {
  readonly transport: 'fetch' | 'serverless';
  readonly backendUrl: string;
  readonly functionName: string;
}

/** What a page reads at run time (extensions/<page>/backend-config.json): pages always use hubspot.fetch. */
export interface PageConfig {
  readonly backendUrl: string;
  /** where links to records go: the account's HubSpot app domain */
  readonly uiDomain: string;
}

export interface BuildSettings {
  readonly card: CardConfig;
  readonly page: PageConfig;
  /** goes first in app.json's permittedUrls.fetch */
  readonly backendOrigin: string;
  /** `hs project dev` only: app/local.json maps the backend origin to this URL */
  readonly localBackendUrl: string | null;
  readonly warnings: readonly string[];
}

/** CARD_TRANSPORT (fetch | serverless, default fetch), BACKEND_URL, LOCAL_BACKEND_URL and HUBSPOT_UI_DOMAIN, checked together. */
export function buildSettings(env: NodeJS.ProcessEnv, app: AppJson): BuildSettings {
  const parsed = buildEnvSchema.safeParse(env);
  if (!parsed.success) throw zodProblems('The build settings (environment)', parsed.error);
  const { CARD_TRANSPORT: transport, BACKEND_URL, LOCAL_BACKEND_URL, HUBSPOT_UI_DOMAIN: uiDomain } = parsed.data;
  const warnings: string[] = [];
  const backendUrl = BACKEND_URL ? BACKEND_URL.replace(/\/+$/, '') : requireBackendOrigin(app);
  // The settings page and the home page always use hubspot.fetch, whatever the card's transport.
  if (!BACKEND_URL) {
    warnings.push(`BACKEND_URL is not set: hubspot.fetch calls go to ${backendUrl}, app.json's placeholder. Set it to the backend's public HTTPS URL before uploading.`);
  }
  if (LOCAL_BACKEND_URL) warnings.push('LOCAL_BACKEND_URL is set: app/local.json is for `hs project dev` only; build again without it before `hs project upload`.');
  return {
    card: { transport, backendUrl, functionName: REFUND_API_UID },
    page: { backendUrl, uiDomain },
    backendOrigin: new URL(backendUrl).origin,
    localBackendUrl: LOCAL_BACKEND_URL ? LOCAL_BACKEND_URL.replace(/\/+$/, '') : null,
    warnings,
  };
}
