import * as z from 'zod';
import { BACKEND_URL_PATTERN } from '../shared/backend-config';
import checkedInConfig from './card-config.json';

/**
 * How the card reaches its backend (/tmp/card-function-protocol.md): `fetch` calls the self-hosted HTTP API
 * through hubspot.fetch, `serverless` calls the app function through hubspot.serverless. `npm run build`
 * rewrites card-config.json from CARD_TRANSPORT and BACKEND_URL; the checked-in file is for development.
 */
const cardConfigSchema = z
  .object({
    transport: z.enum(['fetch', 'serverless']),
    backendUrl: z.string().optional(),
    functionName: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be the app function uid').default('refund_api'),
  })
  .superRefine((config, context) => {
    if (config.transport !== 'fetch') return;
    if (!config.backendUrl || !BACKEND_URL_PATTERN.test(config.backendUrl)) {
      context.addIssue({ code: 'custom', path: ['backendUrl'], message: 'must be the backend URL (https://…) when transport is "fetch"' });
    }
  });

export type CardConfig =
  | { readonly transport: 'fetch'; readonly backendUrl: string }
  | { readonly transport: 'serverless'; readonly functionName: string };

export type CardConfigResult = { readonly ok: true; readonly config: CardConfig } | { readonly ok: false; readonly message: string };

export function readCardConfig(raw: unknown): CardConfigResult {
  const parsed = cardConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `card-config.json: ${issue ? `${issue.path.join('.') || 'config'} ${issue.message}` : 'is invalid'}` };
  }
  const { transport, backendUrl, functionName } = parsed.data;
  return transport === 'fetch'
    ? { ok: true, config: { transport, backendUrl: (backendUrl ?? '').replace(/\/+$/, '') } }
    : { ok: true, config: { transport, functionName } };
}

export const CARD_CONFIG: CardConfigResult = readCardConfig(checkedInConfig);
