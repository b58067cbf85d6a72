import type { RefundPolicy } from '../domain/policy';
import type { BackgroundTasks } from './background-tasks';
import type { Clock } from '../ports/clock';
import type { CrmRecords } from '../ports/crm-records';
import type { CrmTimeline } from '../ports/crm-timeline';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { PaymentProviders } from '../ports/payment-provider';
import type { UserDirectory } from '../ports/user-directory';

/** Everything the refund use cases need, wired once by the composition root. */
export interface RefundDeps {
  readonly records: CrmRecords;
  readonly timeline: CrmTimeline;
  readonly users: UserDirectory;
  readonly ledger: Ledger;
  readonly providers: PaymentProviders;
  readonly policy: RefundPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
  /** CRM object types that carry payments (REFUND_OBJECT_TYPES) */
  readonly objectTypes: readonly string[];
  /** how long a provider may take before the attempt is recorded as unknown */
  readonly providerTimeoutMs: number;
  /** the CRM write-back after an answer */
  readonly background: BackgroundTasks;
  readonly newId: () => string;
}
