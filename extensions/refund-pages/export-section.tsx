import { Button, Flex, Heading, Link, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { ApiError } from '../shared/api-error';
import { formatDate } from '../shared/date-format';
import { errorTitle } from '../shared/error-text';
import { usePagesServices } from './pages-services';
import type { ReportQuery } from './refunds-api';
import type { ExportLink } from './report-schemas';

type ExportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'making' }
  | { readonly phase: 'ready'; readonly link: ExportLink }
  | { readonly phase: 'failed'; readonly error: ApiError };

/**
 * The filtered list as CSV. A page cannot save a file, so the backend signs a link that works for 5 minutes
 * (src/application/reports/export-token.ts) and the browser downloads from it. New filters need a new link.
 */
export function ExportSection({ query }: { query: ReportQuery }) {
  const { api, locale, timeZone } = usePagesServices();
  const [made, setMade] = useState<{ query: ReportQuery; state: ExportState }>({ query, state: { phase: 'idle' } });
  const state: ExportState = made.query === query ? made.state : { phase: 'idle' };

  const make = async () => {
    if (state.phase === 'making') return;
    setMade({ query, state: { phase: 'making' } });
    const result = await api.exportLink(query);
    setMade({ query, state: result.ok ? { phase: 'ready', link: result.value } : { phase: 'failed', error: result.error } });
  };

  return (
    <Flex direction="column" gap="sm">
      <Heading>Export</Heading>
      <Flex direction="row" gap="sm" align="center">
        <Button testId="export-make" size="sm" disabled={state.phase === 'making'} onClick={() => void make()}>
          {state.phase === 'ready' ? 'Make a new link' : 'Make a CSV link for this list'}
        </Button>
        {state.phase === 'ready' ? (
          <Link testId="export-link" href={{ url: state.link.url, external: true }}>
            Download refunds.csv
          </Link>
        ) : null}
      </Flex>
      {state.phase === 'ready' ? (
        <Text testId="export-expiry">{`The link works for 5 minutes, until ${formatDate(state.link.expiresAt, locale, timeZone)}, and downloads every refund matching the filters above. Whoever holds it can download, so do not forward it.`}</Text>
      ) : null}
      {state.phase === 'failed' ? <Text testId="export-error">{`No link: ${errorTitle(state.error).toLowerCase()}. ${state.error.message}`}</Text> : null}
    </Flex>
  );
}
