import { Alert, Text } from '@hubspot/ui-extensions';

/** The backend's configuration pins the policy (REFUND_POLICY_LOCKED): it is shown, not edited, here. */
export function LockedNotice({ message }: { message: string | null }) {
  return (
    <Alert testId="locked" variant="info" title="This policy is pinned by the refund service's configuration">
      <Text testId="locked-reason">
        {message ?? 'The operator set REFUND_POLICY_LOCKED, so the policy can only be changed in the backend configuration (REFUND_POLICY or REFUND_POLICY_FILE).'}
      </Text>
      <Text>You can read it here; ask whoever runs the refund service to change it.</Text>
    </Alert>
  );
}
