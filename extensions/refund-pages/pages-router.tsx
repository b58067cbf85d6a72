import { Flex } from '@hubspot/ui-extensions';
import { createPageRouter, PageHeader, PageRoutes, type PageRoutesLayoutProps } from '@hubspot/ui-extensions/pages';
import { ApprovalsPage } from './approvals-page';
import { ReportsPage } from './reports-page';

export const REPORTS_PATH = '/reports';

/** Both pages share a header that links them. */
function PagesLayout({ children }: PageRoutesLayoutProps) {
  return (
    <Flex direction="column" gap="md">
      <PageHeader>
        <PageHeader.SecondaryActions>
          <PageHeader.PageLink to="/">Approval queue</PageHeader.PageLink>
          <PageHeader.PageLink to={REPORTS_PATH}>Refund reports</PageHeader.PageLink>
        </PageHeader.SecondaryActions>
      </PageHeader>
      {children}
    </Flex>
  );
}

/** "/": the requests the viewer may decide; "/reports": refunds across records, totals, CSV. */
export const PagesRouter = createPageRouter(
  <PageRoutes layoutComponent={PagesLayout}>
    <PageRoutes.IndexRoute id="approvals" component={ApprovalsPage} />
    <PageRoutes.Route id="reports" path={REPORTS_PATH} component={ReportsPage} />
  </PageRoutes>,
);
