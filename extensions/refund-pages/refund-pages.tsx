import { useExtensionContext } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import type { BackendConfigResult } from '../shared/backend-config';
import { ConfigError } from '../shared/config-error';
import { usableLocale } from '../shared/usable-locale';
import { PAGES_CONFIG } from './pages-config';
import { PagesRouter } from './pages-router';
import { PagesServicesContext, type PagesServices } from './pages-services';
import { createRefundsApi } from './refunds-api';

interface RefundPagesProps {
  readonly config?: BackendConfigResult;
  readonly now?: () => Date;
}

/** The app's pages in HubSpot: the approval queue, and reports on refunds (design §6). */
export function RefundPages({ config = PAGES_CONFIG, now = currentTime }: RefundPagesProps) {
  if (!config.ok) return <ConfigError what="The Refunds pages" message={config.message} />;
  return <ConfiguredPages backendUrl={config.backendUrl} uiDomain={config.uiDomain} now={now} />;
}

function ConfiguredPages({ backendUrl, uiDomain, now }: { backendUrl: string; uiDomain: string; now: () => Date }) {
  const context = useExtensionContext<'pages'>();
  const locale = usableLocale(context.user.locale);
  const timeZone = context.portal.timezone || undefined;
  const services = useMemo<PagesServices>(
    () => ({ api: createRefundsApi(backendUrl), portalId: context.portal.id, uiDomain, locale, timeZone, now }),
    [backendUrl, context.portal.id, uiDomain, locale, timeZone, now],
  );
  return (
    <PagesServicesContext.Provider value={services}>
      <PagesRouter />
    </PagesServicesContext.Provider>
  );
}

function currentTime(): Date {
  return new Date();
}
