import type { AccountDirectory } from '../ports/account-directory';
import type { BackgroundTasks } from './background-tasks';
import type { PolicySource } from './policy/policy-source';
import type { ProviderLabels } from './provider-labels';
import type { Clock } from '../ports/clock';
import type { CrmOutbox } from '../ports/crm-outbox';
import type { CrmRecords } from '../ports/crm-records';
import type { CrmTimeline } from '../ports/crm-timeline';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { PolicyStore } from '../ports/policy-store';
import type { RefundReports } from '../ports/refund-reports';
import type { PaymentProviders } from '../ports/payment-provider';
import type { ProviderEventLog } from '../ports/provider-event-log';
import type { UserDirectory } from '../ports/user-directory';

/** Everything the refund use cases need, wired once by the composition root. */
export interface RefundDeps {
  readonly records: CrmRecords;
  readonly timeline: CrmTimeline;
  readonly users: UserDirectory;
  /** the account's users, teams and roles by name (the settings page's pickers) */
  readonly directory: AccountDirectory;
  readonly ledger: Ledger;
  readonly outbox: CrmOutbox;
  /** provider deliveries applied so far (webhooks) */
  readonly events: ProviderEventLog;
  readonly providers: PaymentProviders;
  /** every provider's names for people, configured or not */
  readonly providerLabels: ProviderLabels;
  /** the refund policy in force (stored in the ledger, cached briefly) */
  readonly policies: PolicySource;
  /** its versions, for the policy's own use cases */
  readonly policyStore: PolicyStore;
  /** reports over every payment's attempts */
  readonly reports: RefundReports;
  readonly clock: Clock;
  readonly logger: Logger;
  /** CRM object types that carry payments (REFUND_OBJECT_TYPES), canonical names */
  readonly objectTypes: readonly string[];
  /** how long a provider may take before the attempt is recorded as unknown */
  readonly providerTimeoutMs: number;
  /** declined attempts on one payment within an hour after which further attempts are refused */
  readonly maxDeclinesPerHour: number;
  /** the CRM write-back after an answer */
  readonly background: BackgroundTasks;
  readonly newId: () => string;
}
