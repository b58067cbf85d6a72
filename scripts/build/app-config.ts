import * as z from 'zod';
import { BuildError, zodProblems } from './build-error';
import { readJson } from './files';

// Limits from HubSpot's 2026.03 app configuration reference and @hubspot/project-parsing-lib 0.23.0.
const UID = /^[a-zA-Z0-9_\-.]+$/;
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/**
 * hubspot.fetch and friends only reach HTTPS origins, and never localhost (local.json maps those in dev). The URL
 * ends up in the card's configuration, which every browser that shows the card downloads: no user or password.
 */
export const permittedUrl = z.string().superRefine((value, ctx) => {
  const problem = permittedUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

function permittedUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a full https:// URL, scheme included (e.g. https://refunds.example.com)';
  }
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password: the card configuration that holds it is shipped to every browser';
  if (LOCAL_HOST.test(url.hostname)) return 'cannot be localhost: map it in local.json for `hs project dev` instead';
  return null;
}

const scopes = z.array(z.string().regex(/^[a-z0-9_.-]+$/i, 'is not a scope name')).refine((list) => new Set(list).size === list.length, 'lists a scope twice');

/** The top-level app.json: the `app` component of HubSpot's 2026.03 platform, as `app/app-hsmeta.json` wants it. */
export const appJsonSchema = z
  .object({
    uid: z.string().max(64).regex(UID, 'may only hold letters, digits, _ - and .'),
    type: z.literal('app'),
    config: z
      .object({
        name: z.string().min(1).max(200).refine((name) => name.trim() === name, 'must not start or end with spaces'),
        description: z.string().min(1).max(8192),
        // App functions run only in private apps with static auth (2026.03 functions reference; template config.json).
        distribution: z.literal('private', { error: 'must be "private": HubSpot runs app functions only in private apps' }),
        auth: z
          .object({
            type: z.literal('static', { error: 'must be "static": HubSpot runs app functions only in apps with static auth' }),
            requiredScopes: scopes.refine((list) => list.length > 0, 'name at least one scope'),
            optionalScopes: scopes.default([]),
            conditionallyRequiredScopes: scopes.default([]),
          })
          .loose(),
        permittedUrls: z.object({
          fetch: z.array(permittedUrl),
          iframe: z.array(permittedUrl).default([]),
          img: z.array(permittedUrl).default([]),
        }),
        support: z
          .object({
            supportEmail: z.email(),
            documentationUrl: z.url({ protocol: /^https?$/ }),
            supportUrl: z.url({ protocol: /^https?$/ }).optional(),
            supportPhone: z.string().optional(),
          })
          .loose(),
      })
      .loose(),
  })
  .strict();

export type AppJson = z.infer<typeof appJsonSchema>;

export function readAppJson(file: string): AppJson {
  const parsed = appJsonSchema.safeParse(readJson(file, 'app.json'));
  if (!parsed.success) throw zodProblems(`app.json (${file})`, parsed.error);
  return parsed.data;
}

/** The first permitted fetch URL is the backend's: app.json keeps a placeholder, the build puts BACKEND_URL's origin there. */
export function backendOriginOf(app: AppJson): string | null {
  const first = app.config.permittedUrls.fetch[0];
  return first === undefined ? null : new URL(first).origin;
}

export function withBackendOrigin(app: AppJson, origin: string): AppJson {
  const [, ...others] = app.config.permittedUrls.fetch;
  const fetch = [origin, ...others.filter((url) => new URL(url).origin !== origin)];
  return { ...app, config: { ...app.config, permittedUrls: { ...app.config.permittedUrls, fetch } } };
}

export function requireBackendOrigin(app: AppJson): string {
  const origin = backendOriginOf(app);
  if (!origin) throw new BuildError('app.json permits no fetch URL: put the backend origin first in config.permittedUrls.fetch, or set BACKEND_URL.');
  return origin;
}
