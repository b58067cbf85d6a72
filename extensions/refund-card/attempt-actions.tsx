import { Button, Flex, Modal, Text, useExtensionActions } from '@hubspot/ui-extensions';
import { useCallback, useState } from 'react';
import type { ApiError } from '../shared/api-error';
import type { AttemptResult, TransactionDetails } from '../shared/api-schemas';
import { isZero } from '../shared/decimal-amount';
import type { TransactionRef } from '../shared/object-type';
import type { RefundApi } from './refund-api';
import { RefundForm } from './refund-form';
import { VoidForm } from './void-form';

export const REFUND_MODAL_ID = 'refund-card-refund';
export const VOID_MODAL_ID = 'refund-card-void';

type Dialog = 'refund' | 'void';

interface AttemptActionsProps {
  readonly api: RefundApi;
  readonly transactionRef: TransactionRef;
  readonly details: TransactionDetails;
  readonly locale: string | undefined;
  readonly onFinished: (result: AttemptResult) => void;
  readonly onRejected: (error: ApiError) => void;
}

/**
 * The Refund and Void buttons and their modals. Each opening of a modal is a new form (a new session, so a
 * new idempotency key); a button stays while its modal is open even if a refresh would hide it.
 */
export function AttemptActions({ api, transactionRef, details, locale, onFinished, onRejected }: AttemptActionsProps) {
  const actions = useExtensionActions<'crm.record.tab'>();
  const [sessions, setSessions] = useState({ refund: 0, void: 0 });
  const [open, setOpen] = useState<Dialog | null>(null);
  const { transaction, viewer } = details;

  const endSession = useCallback((dialog: Dialog) => {
    setSessions((current) => ({ ...current, [dialog]: current[dialog] + 1 }));
    setOpen((current) => (current === dialog ? null : current));
  }, []);
  const close = useCallback(
    (dialog: Dialog) => {
      actions.closeOverlay(dialog === 'refund' ? REFUND_MODAL_ID : VOID_MODAL_ID);
      endSession(dialog);
    },
    [actions, endSession],
  );
  const finished = useCallback(
    (dialog: Dialog) => (result: AttemptResult) => {
      close(dialog);
      onFinished(result);
    },
    [close, onFinished],
  );

  const nothingLeft = isZero(transaction.refundable);
  const showRefund = !nothingLeft || open === 'refund';
  const showVoid = viewer.canVoid || open === 'void';

  return (
    <Flex direction="row" gap="sm" align="center">
      {showRefund ? (
        <Button
          testId="refund-open"
          variant="primary"
          onClick={() => setOpen('refund')}
          overlay={
            <Modal testId="refund-modal" id={REFUND_MODAL_ID} title="Refund this payment" width="md" onOpen={() => setOpen('refund')} onClose={() => endSession('refund')}>
              <RefundForm
                key={sessions.refund}
                transaction={transaction}
                viewer={viewer}
                locale={locale}
                send={(request) => api.refund(transactionRef, request)}
                onFinished={finished('refund')}
                onRejected={onRejected}
                onCancel={() => close('refund')}
              />
            </Modal>
          }
        >
          Refund
        </Button>
      ) : (
        <Text testId="nothing-left">Nothing is left to refund on this payment.</Text>
      )}
      {showVoid ? (
        <Button
          testId="void-open"
          variant="destructive"
          onClick={() => setOpen('void')}
          overlay={
            <Modal testId="void-modal" id={VOID_MODAL_ID} title="Void this payment" variant="danger" width="md" onOpen={() => setOpen('void')} onClose={() => endSession('void')}>
              <VoidForm
                key={sessions.void}
                transaction={transaction}
                viewer={viewer}
                locale={locale}
                send={(request) => api.void(transactionRef, request)}
                onFinished={finished('void')}
                onRejected={onRejected}
                onCancel={() => close('void')}
              />
            </Modal>
          }
        >
          Void
        </Button>
      ) : null}
    </Flex>
  );
}
