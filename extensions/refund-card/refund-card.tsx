import { Alert, Button, Divider, Flex, Heading, LoadingSpinner, Text, useExtensionContext } from '@hubspot/ui-extensions';
import { useCallback, useMemo, useState } from 'react';
import type { AttemptResult, AttemptView } from '../shared/api-schemas';
import { AttemptActions } from './attempt-actions';
import { ConfigError } from '../shared/config-error';
import { CARD_CONFIG, type CardConfig, type CardConfigResult } from './card-config';
import { errorTitle } from '../shared/error-text';
import { History } from './history';
import { LoadError } from '../shared/load-error';
import { apiObjectType, type TransactionRef } from '../shared/object-type';
import { Outcome } from './outcome';
import { PaymentNotices } from './payment-notices';
import { PendingRequests } from './pending-requests';
import { ReadOnlyNotice } from './read-only-notice';
import { createRefundApi } from './refund-api';
import { Summary } from './summary';
import { useRecordRefresh } from './use-record-refresh';
import { useOlderAttempts } from './use-older-attempts';
import { useTransaction } from './use-transaction';
import { usableLocale } from '../shared/usable-locale';

/** The Refund card on a CRM record: summary, actions (or why there are none), the last outcome, history. */
export function RefundCard({ config = CARD_CONFIG }: { config?: CardConfigResult }) {
  if (!config.ok) {
    return <ConfigError what="The Refund card" message={config.message} />;
  }
  return <ConfiguredRefundCard config={config.config} />;
}

function ConfiguredRefundCard({ config }: { config: CardConfig }) {
  const context = useExtensionContext<'crm.record.tab'>();
  const api = useMemo(() => createRefundApi(config), [config]);
  const objectType = apiObjectType(context.crm.objectTypeId);
  const objectId = String(context.crm.objectId);
  const transactionRef = useMemo<TransactionRef>(() => ({ objectType, objectId }), [objectType, objectId]);
  const { state, reload } = useTransaction(api, transactionRef);
  const history = useOlderAttempts(api, transactionRef, state.phase === 'ready' ? state.details.attemptsCursor : null);
  const viewerUserId = String(context.user.id);
  const refreshRecord = useRecordRefresh();
  const [outcome, setOutcome] = useState<AttemptView | null>(null);
  const locale = usableLocale(context.user.locale);
  const timeZone = context.portal.timezone || undefined;

  const onFinished = useCallback(
    (result: AttemptResult) => {
      setOutcome(result.attempt);
      reload();
      refreshRecord();
    },
    [reload, refreshRecord],
  );
  // A refusal can mean the payment changed under the rep (someone else refunded): show the current figures.
  const onRejected = useCallback(() => reload(), [reload]);

  switch (state.phase) {
    case 'loading':
      return <LoadingSpinner testId="loading" label="Loading the payment…" showLabel layout="centered" />;
    case 'failed':
      return <LoadError error={state.error} onRetry={reload} />;
    case 'ready':
      break;
  }
  const { details, refreshing, refreshError } = state;
  return (
    <Flex direction="column" gap="md">
      {outcome ? <Outcome attempt={outcome} locale={locale} onDismiss={() => setOutcome(null)} /> : null}
      {refreshError ? (
        <Alert testId="refresh-error" variant="warning" title={`Could not refresh: ${errorTitle(refreshError).toLowerCase()}`}>
          <Text>{refreshError.message} The figures below may be out of date.</Text>
          <Button testId="refresh-retry" size="sm" onClick={reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {refreshing ? <LoadingSpinner testId="refreshing" label="Refreshing…" size="xs" layout="inline" /> : null}
      <Summary transaction={details.transaction} viewer={details.viewer} locale={locale} />
      <PaymentNotices transaction={details.transaction} attempts={details.attempts} locale={locale} timeZone={timeZone} />
      {details.viewer.canRefund ? (
        <AttemptActions api={api} transactionRef={transactionRef} details={details} locale={locale} onFinished={onFinished} onRejected={onRejected} />
      ) : (
        <ReadOnlyNotice viewer={details.viewer} />
      )}
      <PendingRequests
        attempts={details.attempts}
        viewer={details.viewer}
        viewerUserId={viewerUserId}
        api={api}
        locale={locale}
        timeZone={timeZone}
        onFinished={onFinished}
      />
      <Divider />
      <Heading>History</Heading>
      <History
        attempts={[...details.attempts, ...history.older]}
        provider={details.transaction.provider}
        locale={locale}
        timeZone={timeZone}
        onLoadOlder={history.hasMore ? () => void history.loadOlder() : null}
        loadingOlder={history.loading}
      />
      {history.error ? (
        <Text testId="history-older-error">{`The older attempts could not be loaded: ${history.error.message}`}</Text>
      ) : null}
    </Flex>
  );
}
