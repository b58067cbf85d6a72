import * as z from 'zod';
import type { AttemptKind } from '../../../domain/attempt';
import { assertNever } from '../../../domain/assert-never';
import type { FailureCode } from '../../../domain/failure-code';
import type { ProviderOutcome, Settlement } from '../../../ports/payment-provider';
import { splitRefid } from './nmi-mapping';
import { childrenNamed, childText, readXml, type XmlElement } from './nmi-xml';

// Query API "condition": https://docs.nmi.com/reference/query
export const NMI_CONDITIONS = ['pending', 'pendingsettlement', 'in_progress', 'abandoned', 'failed', 'canceled', 'complete', 'unknown'] as const;
export type NmiCondition = (typeof NMI_CONDITIONS)[number];

const actionSchema = z.object({
  action_type: z.string().min(1),
  success: z.enum(['0', '1']),
  amount: z.string().default(''),
  date: z.string().default(''),
  response_text: z.string().default(''),
  response_code: z.string().default(''),
});

const transactionSchema = z.object({
  transaction_id: z.string().min(1),
  order_id: z.string().default(''),
  condition: z.string().min(1),
  currency: z.string().default(''),
  action: z.array(actionSchema),
});

export type NmiAction = z.infer<typeof actionSchema>;

export interface NmiTransaction {
  readonly transactionId: string;
  readonly orderId: string;
  /** null when NMI reports a condition this app does not know; `rawCondition` has it */
  readonly condition: NmiCondition | null;
  readonly rawCondition: string;
  /** the transaction's ISO 4217 code, '' when NMI gives none */
  readonly currency: string;
  readonly actions: readonly NmiAction[];
}

export type QueryAnswer =
  | { readonly kind: 'transactions'; readonly transactions: readonly NmiTransaction[] }
  /** `<nm_response><error_response>Invalid Username/Password REFID:…</error_response></nm_response>` */
  | { readonly kind: 'error'; readonly message: string };

/** `<nm_response>` with `<transaction>` elements (none when nothing matched), or an error; null when unreadable. */
export function readQueryAnswer(xml: string): QueryAnswer | null {
  const read = readXml(xml);
  if (!read.ok || read.root.name !== 'nm_response') return null;
  const error = childText(read.root, 'error_response');
  if (error !== undefined) return { kind: 'error', message: error.trim() };
  const transactions: NmiTransaction[] = [];
  for (const element of childrenNamed(read.root, 'transaction')) {
    const parsed = transactionSchema.safeParse({ ...leavesOf(element), action: childrenNamed(element, 'action').map(leavesOf) });
    if (!parsed.success) return null;
    const { transaction_id, order_id, condition, currency, action } = parsed.data;
    const known = (NMI_CONDITIONS as readonly string[]).includes(condition) ? (condition as NmiCondition) : null;
    transactions.push({ transactionId: transaction_id, orderId: order_id, condition: known, rawCondition: condition, currency, actions: action });
  }
  return { kind: 'transactions', transactions };
}

/** The first text of each childless child, by name. */
function leavesOf(element: XmlElement): Record<string, string> {
  const leaves: Record<string, string> = {};
  for (const child of element.children) {
    if (child.children.length === 0 && !(child.name in leaves)) leaves[child.name] = child.text.trim();
  }
  return leaves;
}

/** Whether the payment can still be voided, from the Query API's answer for its transaction id. */
export function settlementOf(answer: QueryAnswer, transactionId: string): Settlement {
  if (answer.kind === 'error') return { state: 'unknown', reason: "NMI's Query API refused the request.", detail: { nmi_error: splitRefid(answer.message).text } };
  const payment = answer.transactions.find((transaction) => transaction.transactionId === transactionId);
  if (!payment) return { state: 'unknown', reason: `NMI has no transaction ${transactionId} in this account.` };
  if (payment.condition === null) return { state: 'unknown', reason: 'NMI reports the payment in a state this app does not know.', detail: { nmi_condition: payment.rawCondition } };
  switch (payment.condition) {
    case 'pendingsettlement':
      return { state: 'unsettled' };
    case 'complete':
      return { state: 'settled' };
    case 'pending':
      return { state: 'unknown', reason: 'NMI holds only an authorization for this payment: it was never captured.' };
    case 'in_progress':
    case 'abandoned':
      return { state: 'unknown', reason: 'NMI shows a checkout that was never completed for this payment.' };
    case 'failed':
      return { state: 'unknown', reason: 'NMI shows this payment as failed: nothing was charged.' };
    case 'canceled':
      return { state: 'unknown', reason: 'NMI shows this payment as already voided.' };
    case 'unknown':
      return { state: 'unknown', reason: 'NMI itself reports an unknown state for this payment.' };
    default:
      return assertNever(payment.condition);
  }
}

export interface LookupFacts {
  readonly kind: AttemptKind;
  readonly attemptId: string;
  readonly providerTransactionId: string;
  readonly providerRefundId: string | null;
  readonly createdAt: Date;
}

/**
 * How long after an attempt NMI's silence counts as proof. Our own margin, not NMI's: a request NMI is still working
 * on is not in its reports yet, and our attempt would then be marked failed while NMI goes on to refund.
 */
export const NOT_FOUND_AFTER_MS = 15 * 60 * 1000;

/**
 * A refund carries our attempt id as `orderid`, so the Query API by order_id finds its own transaction. A void has no
 * orderid: it shows as a `void` action (and condition `canceled`) on the payment itself.
 *
 * The search by order_id answers with this attempt's transactions only: there is no list to page through. An answer
 * that holds other orders' transactions is not that search's answer, and proves nothing about a refund missing from it.
 */
export function lookupOutcome(answer: Extract<QueryAnswer, { kind: 'transactions' }>, facts: LookupFacts, now: Date): ProviderOutcome {
  switch (facts.kind) {
    case 'refund':
      return refundLookup(answer.transactions, facts, now);
    case 'void':
      return voidLookup(answer.transactions, facts, now);
    default:
      return assertNever(facts.kind);
  }
}

function refundLookup(transactions: readonly NmiTransaction[], facts: LookupFacts, now: Date): ProviderOutcome {
  const ours = transactions.filter((transaction) => transaction.orderId === facts.attemptId && transaction.actions.some(isAction('refund')));
  const others = transactions.filter((transaction) => transaction.orderId !== facts.attemptId);
  if (ours.length === 0 && others.length > 0) {
    return {
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message: "NMI's search for this refund came back with other orders' transactions, so it cannot show whether the refund arrived. It stays unknown and will be checked again.",
        detail: { searched: `order_id ${facts.attemptId}`, other_transactions: String(others.length) },
      },
    };
  }
  const approved = ours.find((transaction) => transaction.actions.some(isAction('refund', '1')));
  if (approved?.condition === 'canceled') {
    return failedAfterLookup(
      'refund_voided',
      'NMI took the refund but it was voided in NMI before it settled, so the money did not go back. Start a new refund if it is still owed.',
      { nmi_transaction_id: approved.transactionId, nmi_condition: approved.rawCondition },
      approved.transactionId,
    );
  }
  if (approved) return { status: 'succeeded', providerRefundId: approved.transactionId };
  const refused = ours[0];
  if (refused) {
    const action = refused.actions.find(isAction('refund'));
    return failedAfterLookup(
      'refund_refused',
      'NMI received this refund and refused it, so nothing was refunded. The reason is kept in the attempt details.',
      { nmi_transaction_id: refused.transactionId, nmi_response_code: action?.response_code ?? '', nmi_response_text: action?.response_text ?? '' },
      refused.transactionId,
    );
  }
  return notFound(facts, now, { searched: `order_id ${facts.attemptId}` });
}

function voidLookup(transactions: readonly NmiTransaction[], facts: LookupFacts, now: Date): ProviderOutcome {
  const payment = transactions.find((transaction) => transaction.transactionId === facts.providerTransactionId);
  if (payment && (payment.condition === 'canceled' || payment.actions.some(isAction('void', '1')))) {
    return { status: 'succeeded', providerRefundId: facts.providerRefundId ?? payment.transactionId };
  }
  const refusal = payment?.actions.find(isAction('void', '0'));
  if (payment && refusal) {
    return failedAfterLookup(
      'void_refused',
      'NMI received the void and refused it, so the payment was not cancelled. The reason is kept in the attempt details.',
      { nmi_transaction_id: payment.transactionId, nmi_response_code: refusal.response_code, nmi_response_text: refusal.response_text },
      null,
    );
  }
  return notFound(facts, now, { searched: `transaction_id ${facts.providerTransactionId}`, ...(payment ? { nmi_condition: payment.rawCondition } : {}) });
}

function notFound(facts: LookupFacts, now: Date, detail: Record<string, string>): ProviderOutcome {
  if (now.getTime() - facts.createdAt.getTime() < NOT_FOUND_AFTER_MS) {
    return {
      status: 'unknown',
      failure: {
        code: 'not_yet_visible_at_provider',
        message: `NMI does not show this ${facts.kind} yet. It may still be in progress, so it will be checked again later.`,
        detail,
      },
    };
  }
  return failedAfterLookup(
    'not_received_by_provider',
    `NMI has no record of this ${facts.kind}: nothing was ${facts.kind === 'refund' ? 'refunded' : 'voided'}. You can try again.`,
    detail,
    null,
  );
}

function failedAfterLookup(code: FailureCode, message: string, detail: Record<string, string>, providerRefundId: string | null): ProviderOutcome {
  return { status: 'failed', providerRefundId, failure: { code, message, detail } };
}

function isAction(type: string, success?: '0' | '1'): (action: NmiAction) => boolean {
  return (action) => action.action_type === type && (success === undefined || action.success === success);
}
