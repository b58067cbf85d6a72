import { useCallback, useState } from 'react';
import type { ApiError, ApiResult } from '../shared/api-error';
import { unreachable } from '../shared/labels';
import { useApiRead } from '../shared/use-api-read';
import type { PolicyApi } from './policy-api';
import type { PolicyOptions, PolicyView } from './policy-schemas';

export type PolicyState =
  | { readonly phase: 'loading' }
  /** 403: only super admins see the policy (design §7) */
  | { readonly phase: 'forbidden'; readonly error: ApiError }
  | { readonly phase: 'failed'; readonly error: ApiError }
  | {
      readonly phase: 'ready';
      readonly view: PolicyView;
      /** null when the names could not be loaded: the pickers then show ids */
      readonly options: PolicyOptions | null;
      readonly optionsError: ApiError | null;
      /** counts loads, so that a reload starts the form again from what was read */
      readonly generation: number;
    };

interface Loaded {
  readonly view: PolicyView;
  readonly options: PolicyOptions | null;
  readonly optionsError: ApiError | null;
}

/** The policy and what its pickers offer, read together; a save replaces the version shown. */
export function usePolicy(api: PolicyApi): { state: PolicyState; reload: () => void; saved: (view: PolicyView) => void } {
  const read = useCallback(async (): Promise<ApiResult<Loaded>> => {
    const [policy, options] = await Promise.all([api.get(), api.options()]);
    if (!policy.ok) return policy;
    return { ok: true, status: policy.status, value: { view: policy.value, options: options.ok ? options.value : null, optionsError: options.ok ? null : options.error } };
  }, [api]);
  const { state: loaded, reload } = useApiRead(read);
  const [saved, setSaved] = useState<{ readonly over: Loaded; readonly view: PolicyView } | null>(null);
  const onSaved = useCallback((view: PolicyView) => setSaved(loaded.phase === 'ready' ? { over: loaded.value, view } : null), [loaded]);

  switch (loaded.phase) {
    case 'loading':
      return { state: loaded, reload, saved: onSaved };
    case 'failed':
      return { state: { phase: loaded.error.code === 'NOT_PERMITTED' ? 'forbidden' : 'failed', error: loaded.error }, reload, saved: onSaved };
    case 'ready': {
      // a version saved here stands until the next read
      const view = saved?.over === loaded.value ? saved.view : loaded.value.view;
      return { state: { phase: 'ready', ...loaded.value, view, generation: loaded.generation }, reload, saved: onSaved };
    }
    default:
      return unreachable(loaded);
  }
}
