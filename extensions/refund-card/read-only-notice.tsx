import { Alert, Text } from '@hubspot/ui-extensions';
import type { ViewerView } from '../shared/api-schemas';

/** The backend decided this user may not refund (design §5); the card only says why and whom to ask. */
export function ReadOnlyNotice({ viewer }: { viewer: ViewerView }) {
  return (
    <Alert testId="read-only" variant="info" title="You can see this payment but not refund it">
      <Text testId="read-only-reason">{viewer.denyReason ?? 'Your HubSpot user is not allowed to refund payments.'}</Text>
      <Text testId="read-only-whom">
        To get access, ask a HubSpot super admin: they decide who may refund, and up to what amount, in the app's refund policy.
      </Text>
    </Alert>
  );
}
