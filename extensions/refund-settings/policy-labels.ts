import type { RefundReason } from '../shared/api-schemas';
import { formatDate } from '../shared/date-format';
import { personLabel, reasonLabel, unreachable } from '../shared/labels';
import type { OtherCurrencies, PolicySource, PolicyView } from './policy-schemas';

export function sourceLabel(source: PolicySource): string {
  switch (source) {
    case 'default':
      return 'the built-in default';
    case 'seed':
      return "the backend's configuration (REFUND_POLICY)";
    case 'locked':
      return "the backend's configuration, pinned (REFUND_POLICY_LOCKED)";
    case 'settings':
      return 'this settings page';
    case 'cli':
      return 'the command line';
    default:
      return unreachable(source);
  }
}

export function otherCurrenciesLabel(value: OtherCurrencies): string {
  switch (value) {
    case 'needs_approval':
      return 'Every refund needs approval';
    case 'no_limit':
      return 'No limit';
    default:
      return unreachable(value);
  }
}

/** Reasons for a note; "other" is always ticked, and says why. */
export function noteReasonLabel(reason: RefundReason): string {
  return reason === 'other' ? 'Other (always needs a note)' : reasonLabel(reason);
}

/** "Version 3, saved Mar 4, 2025, 3:30 PM by Ada Admin on this settings page". */
export function versionLine(view: Pick<PolicyView, 'version' | 'updatedAt' | 'updatedBy' | 'source'>, locale: string | undefined, timeZone: string | undefined): string {
  const who = view.updatedBy ? ` by ${personLabel(view.updatedBy)}` : '';
  return `Version ${view.version}, saved ${formatDate(view.updatedAt, locale, timeZone)}${who} from ${sourceLabel(view.source)}.`;
}
