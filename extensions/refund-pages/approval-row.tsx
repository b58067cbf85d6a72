import { Button, Flex, Link, Modal, TableCell, TableRow, Text, useExtensionActions } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { AttemptResult } from '../shared/api-schemas';
import { formatDate } from '../shared/date-format';
import { DecisionForm } from '../shared/decision-form';
import { kindLabel, personLabel, providerLabel, reasonLabel } from '../shared/labels';
import { formatMoney } from '../shared/money-format';
import { usePagesServices } from './pages-services';
import { recordLabel, recordUrl } from './record-link';
import type { ApprovalItem } from './report-schemas';

interface ApprovalRowProps {
  readonly item: ApprovalItem;
  readonly onDecided: (decision: 'approve' | 'reject', result: AttemptResult) => void;
  /** a dialog closed without a decision: the request may have been decided elsewhere meanwhile */
  readonly onClosed: () => void;
}

/** One request: what, on which payment, by whom, why, until when; Approve and Reject open the decision with its note. */
export function ApprovalRow({ item, onDecided, onClosed }: ApprovalRowProps) {
  const services = usePagesServices();
  const { api, locale, timeZone } = services;
  const actions = useExtensionActions<'pages'>();
  // each opening of a dialog is a new form
  const [sessions, setSessions] = useState(0);
  const { attempt, transaction } = item;
  const id = attempt.id;

  const decide = (decision: 'approve' | 'reject', label: string, variant: 'primary' | 'destructive') => {
    const modalId = `refund-pages-${decision}-${id}`;
    return (
      <Button
        testId={`${decision}-open-${id}`}
        variant={variant}
        size="sm"
        onClick={() => setSessions((n) => n + 1)}
        overlay={
          <Modal testId={`${decision}-modal-${id}`} id={modalId} title={`${label} this request`} width="sm" onClose={onClosed}>
            <DecisionForm
              key={sessions}
              attempt={attempt}
              decision={decision}
              idPrefix={`decide-${decision}-${id}`}
              locale={locale}
              send={(note) => api.decide(id, decision, note)}
              onFinished={(result) => {
                actions.closeOverlay(modalId);
                onDecided(decision, result);
              }}
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
    <TableRow testId={`approval-${id}`}>
      <TableCell testId={`approval-amount-${id}`}>{`${kindLabel(attempt.kind)} of ${formatMoney(attempt.amount, attempt.currency, locale)}`}</TableCell>
      <TableCell>
        <Link testId={`approval-record-${id}`} href={recordUrl(services, transaction.objectType, transaction.objectId)}>
          {recordLabel(transaction.objectType, transaction.objectId)}
        </Link>
        <Text testId={`approval-payment-${id}`} variant="microcopy">
          {`${providerLabel(transaction.provider)} ${transaction.providerTransactionId}: ${formatMoney(transaction.amount, transaction.currency, locale)} paid, ${formatMoney(transaction.refundable, transaction.currency, locale)} refundable`}
        </Text>
      </TableCell>
      <TableCell testId={`approval-requester-${id}`}>{`${personLabel(attempt.requestedBy)}, ${formatDate(attempt.createdAt, locale, timeZone)}`}</TableCell>
      <TableCell testId={`approval-reason-${id}`}>{attempt.note ? `${reasonLabel(attempt.reason)}: ${attempt.note}` : reasonLabel(attempt.reason)}</TableCell>
      <TableCell testId={`approval-why-${id}`}>{attempt.approvalReason ?? '—'}</TableCell>
      <TableCell testId={`approval-expires-${id}`}>{attempt.expiresAt ? formatDate(attempt.expiresAt, locale, timeZone) : '—'}</TableCell>
      <TableCell>
        <Flex direction="row" gap="xs">
          {decide('approve', 'Approve', 'primary')}
          {decide('reject', 'Reject', 'destructive')}
        </Flex>
      </TableCell>
    </TableRow>
  );
}
