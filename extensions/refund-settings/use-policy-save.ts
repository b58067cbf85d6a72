import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../shared/api-error';
import type { PolicyApi } from './policy-api';
import { type PolicyDocument, type PolicyProblem, policyProblemsSchema, type PolicyView, versionConflictSchema } from './policy-schemas';

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly version: number; readonly changed: boolean }
  /** the form's own checks found problems: nothing was sent */
  | { readonly kind: 'not_sent'; readonly count: number }
  /** 400 INVALID_POLICY: every problem the backend found */
  | { readonly kind: 'invalid'; readonly message: string; readonly problems: readonly PolicyProblem[] }
  /** 409 POLICY_VERSION_CONFLICT: someone saved since this form read the policy */
  | { readonly kind: 'conflict'; readonly message: string; readonly currentVersion: number | null }
  /** 409 POLICY_LOCKED: the backend's configuration pins the policy */
  | { readonly kind: 'locked'; readonly message: string }
  | { readonly kind: 'failed'; readonly error: ApiError };

/** PUT /api/policy over the version read, and what became of it; a click while saving does nothing. */
export function usePolicySave(api: PolicyApi, onSaved: (view: PolicyView, changed: boolean) => void) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const inFlight = useRef(false);

  const save = useCallback(
    async (document: PolicyDocument, version: number) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setState({ kind: 'saving' });
      const result = await api.save(document, version);
      inFlight.current = false;
      if (result.ok) {
        const changed = result.value.version !== version;
        setState({ kind: 'saved', version: result.value.version, changed });
        onSaved(result.value, changed);
      } else {
        setState(saveFailure(result.error));
      }
    },
    [api, onSaved],
  );
  const notSent = useCallback((count: number) => setState({ kind: 'not_sent', count }), []);
  const forget = useCallback(() => setState((current) => (current.kind === 'saving' ? current : { kind: 'idle' })), []);
  return { state, save, notSent, forget };
}

function saveFailure(error: ApiError): SaveState {
  switch (error.code) {
    case 'INVALID_POLICY': {
      const details = policyProblemsSchema.safeParse(error.details);
      return details.success ? { kind: 'invalid', message: error.message, problems: details.data.problems } : { kind: 'failed', error };
    }
    case 'POLICY_VERSION_CONFLICT': {
      const details = versionConflictSchema.safeParse(error.details);
      return { kind: 'conflict', message: error.message, currentVersion: details.success ? details.data.currentVersion : null };
    }
    case 'POLICY_LOCKED':
      return { kind: 'locked', message: error.message };
    default:
      return { kind: 'failed', error };
  }
}
