import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../shared/api-error';
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

/** The policy and what its pickers offer, read together; only the latest load's answers are used. */
export function usePolicy(api: PolicyApi): { state: PolicyState; reload: () => void; saved: (view: PolicyView) => void } {
  const [state, setState] = useState<PolicyState>({ phase: 'loading' });
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setState((current) => (current.phase === 'ready' ? current : { phase: 'loading' }));
    const [policy, options] = await Promise.all([api.get(), api.options()]);
    if (request !== latest.current) return;
    if (!policy.ok) {
      setState({ phase: policy.error.code === 'NOT_PERMITTED' ? 'forbidden' : 'failed', error: policy.error });
      return;
    }
    setState({
      phase: 'ready',
      view: policy.value,
      options: options.ok ? options.value : null,
      optionsError: options.ok ? null : options.error,
      generation: request,
    });
  }, [api]);

  useEffect(() => {
    void load();
    return () => {
      latest.current += 1; // answers that arrive after unmount are dropped
    };
  }, [load]);

  const reload = useCallback(() => void load(), [load]);
  const saved = useCallback((view: PolicyView) => setState((current) => (current.phase === 'ready' ? { ...current, view } : current)), []);
  return { state, reload, saved };
}
