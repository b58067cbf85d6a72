import { LoadingSpinner } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import type { ApiError } from './api-error';
import { unreachable } from './labels';
import { LoadError } from './load-error';

/** Anything read from the backend: on its way, failed, or there. */
export type Loadable<R> = { readonly phase: 'loading' } | { readonly phase: 'failed'; readonly error: ApiError } | ({ readonly phase: 'ready' } & R);

interface LoadedProps<R> {
  readonly state: Loadable<R>;
  readonly spinner: { readonly testId: string; readonly label: string };
  readonly onRetry: () => void;
  readonly children: (ready: R) => ReactNode;
}

/** A part of a page read from the backend: a spinner, why it failed with a way to try again, or what it shows. */
export function Loaded<R>({ state, spinner, onRetry, children }: LoadedProps<R>) {
  switch (state.phase) {
    case 'loading':
      return <LoadingSpinner testId={spinner.testId} label={spinner.label} layout="inline" />;
    case 'failed':
      return <LoadError error={state.error} onRetry={onRetry} />;
    case 'ready':
      return <>{children(state)}</>;
    default:
      return unreachable(state);
  }
}
