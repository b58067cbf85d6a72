import { Box, Button, Flex, Heading, Modal, Text, useExtensionActions } from '@hubspot/ui-extensions';
import { useCallback, useState } from 'react';
import type { AttemptResult, AttemptView, ViewerView } from '../shared/api-schemas';
import { formatDate } from '../shared/date-format';
import { DecisionForm } from '../shared/decision-form';
import { kindLabel, personLabel, reasonLabel } from '../shared/labels';
import { formatMoney } from '../shared/money-format';
import type { Decision } from '../shared/decision';
import type { RefundApi } from './refund-api';

interface PendingRequestsProps {
  readonly attempts: readonly AttemptView[];
  readonly viewer: ViewerView;
  /** the HubSpot user looking at the card (the backend checks again) */
  readonly viewerUserId: string;
  readonly api: RefundApi;
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
  readonly onFinished: (result: AttemptResult) => void;
}

/**
 * Requests awaiting approval on this payment (design §5): approvers see Approve and Reject, the requester
 * Cancel; everyone sees who asked, why, and until when it waits. Nobody approves their own request.
 */
export function PendingRequests({ attempts, viewer, viewerUserId, api, locale, timeZone, onFinished }: PendingRequestsProps) {
  const actions = useExtensionActions<'crm.record.tab'>();
  const [sessions, setSessions] = useState(0);
  const waiting = attempts.filter((attempt) => attempt.status === 'awaiting_approval');
  const finished = useCallback(
    (modalId: string) => (result: AttemptResult) => {
      actions.closeOverlay(modalId);
      setSessions((n) => n + 1);
      onFinished(result);
    },
    [actions, onFinished],
  );
  if (waiting.length === 0) return null;

  const button = (attempt: AttemptView, decision: Decision, label: string, variant: 'primary' | 'secondary' | 'destructive') => {
    const modalId = `refund-card-${decision}-${attempt.id}`;
    return (
      <Button
        testId={`${decision}-open-${attempt.id}`}
        variant={variant}
        size="sm"
        onClick={() => setSessions((n) => n + 1)}
        overlay={
          <Modal testId={`${decision}-modal-${attempt.id}`} id={modalId} title={`${label} this request`} width="sm" onClose={() => setSessions((n) => n + 1)}>
            <DecisionForm
              key={sessions}
              attempt={attempt}
              decision={decision}
              locale={locale}
              send={(note) => api.decide(attempt.id, decision, note)}
              onFinished={finished(modalId)}
              onCancel={() => actions.closeOverlay(modalId)}
            />
          </Modal>
        }
      >
        {label}
      </Button>
    );
  };

  return (
    <Flex direction="column" gap="sm" testId="pending-requests">
      <Heading>Awaiting approval</Heading>
      {waiting.map((attempt) => {
        const own = attempt.requestedBy?.userId === viewerUserId;
        return (
          <Box key={attempt.id}>
            <Text testId={`pending-${attempt.id}`}>
              {`${personLabel(attempt.requestedBy)} asks for a ${kindLabel(attempt.kind).toLowerCase()} of ${formatMoney(attempt.amount, attempt.currency, locale)} (${reasonLabel(attempt.reason)}${attempt.note ? `: ${attempt.note}` : ''}). ${attempt.approvalReason ?? ''}${attempt.expiresAt ? ` Expires ${formatDate(attempt.expiresAt, locale, timeZone)}.` : ''}`}
            </Text>
            <Flex direction="row" gap="xs">
              {viewer.canApprove && !own ? button(attempt, 'approve', 'Approve', 'primary') : null}
              {viewer.canApprove && !own ? button(attempt, 'reject', 'Reject', 'destructive') : null}
              {own ? button(attempt, 'cancel', 'Cancel request', 'secondary') : null}
              {!viewer.canApprove && !own ? <Text testId={`pending-who-${attempt.id}`}>{viewer.approvalBy ? `Waiting for ${viewer.approvalBy}.` : 'Waiting for an approver.'}</Text> : null}
            </Flex>
          </Box>
        );
      })}
    </Flex>
  );
}
