import { Alert, Button, Text } from '@hubspot/ui-extensions';
import { errorTitle } from '../shared/error-text';
import { unreachable } from '../shared/labels';
import type { PolicyProblem } from './policy-schemas';
import type { SaveState } from './use-policy-save';

interface SaveOutcomeProps {
  readonly state: SaveState;
  /** problems the backend found at a path the form has no field for */
  readonly elsewhere: readonly PolicyProblem[];
  readonly onReload: () => void;
}

/** What became of the last save, next to the Save button. */
export function SaveOutcome({ state, elsewhere, onReload }: SaveOutcomeProps) {
  switch (state.kind) {
    case 'idle':
    case 'saving':
      return null;
    case 'saved':
      return (
        <Alert testId="save-outcome" variant="success" title={state.changed ? `Saved as version ${state.version}` : `Nothing changed: still version ${state.version}`}>
          <Text>{state.changed ? 'The new policy applies to the next refund request.' : 'The policy you saved is the one in force.'}</Text>
        </Alert>
      );
    case 'not_sent':
      return (
        <Alert testId="save-outcome" variant="danger" title={`${state.count === 1 ? 'One problem' : `${state.count} problems`} to fix: nothing was saved`}>
          <Text>Each one is shown next to its field.</Text>
        </Alert>
      );
    case 'invalid':
      return (
        <Alert testId="save-outcome" variant="danger" title="The refund service refused the policy: nothing was saved">
          <Text>{`${state.message} Each problem is shown next to its field.`}</Text>
          {elsewhere.map((problem, index) => (
            <Text key={`${problem.path}-${index}`} testId={`problem-elsewhere-${index}`}>{`${problem.path || 'The policy'}: ${problem.message}`}</Text>
          ))}
        </Alert>
      );
    case 'conflict':
      return (
        <Alert testId="save-outcome" variant="warning" title="Someone else saved the policy in the meantime">
          <Text>
            {`${state.message}${state.currentVersion === null ? '' : ` The current version is ${state.currentVersion}.`} Your changes are not saved; reloading shows theirs and discards yours.`}
          </Text>
          <Button testId="conflict-reload" size="sm" onClick={onReload}>
            Reload the current policy
          </Button>
        </Alert>
      );
    case 'locked':
      return null; // the form turns read-only and says why at its top
    case 'failed':
      return (
        <Alert testId="save-outcome" variant="danger" title={`Not saved: ${errorTitle(state.error).toLowerCase()}`}>
          <Text>{state.error.message}</Text>
          <Text>Your changes are still here: save again when the refund service answers.</Text>
        </Alert>
      );
    default:
      return unreachable(state);
  }
}
