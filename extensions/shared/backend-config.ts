import * as z from 'zod';

/** The backend's base URL, as the build writes it (scripts/build/build-settings.ts checks it is https:// there). */
export const BACKEND_URL_PATTERN = /^https?:\/\/[^/\s]+(\/[^\s]*)?$/;

const backendConfigSchema = z.object({ backendUrl: z.string().regex(BACKEND_URL_PATTERN, 'must be the backend URL (https://…)') });

export type BackendConfigResult = { readonly ok: true; readonly backendUrl: string } | { readonly ok: false; readonly message: string };

/**
 * How a page reaches its backend: backend-config.json next to its entry, rewritten by `npm run build` from
 * BACKEND_URL. Pages always use hubspot.fetch: only a signed request names the acting user (design §5).
 */
export function readBackendConfig(raw: unknown): BackendConfigResult {
  const parsed = backendConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, backendUrl: parsed.data.backendUrl.replace(/\/+$/, '') };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `backend-config.json: ${issue ? `${issue.path.join('.') || 'config'} ${issue.message}` : 'is invalid'}` };
}
