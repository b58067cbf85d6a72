import * as z from 'zod';
import type { AttemptFailure } from '../../../domain/attempt';
import { exponentOf } from '../../../domain/currency';
import { formatMinor, type Money } from '../../../domain/money';

// Payment API (Direct Post) and Query API: https://docs.nmi.com/reference/query, https://secure.nmi.com/merchants/resources/integration/integration_portal.php
export const NMI_DEFAULT_API_BASE = 'https://secure.nmi.com';
export const TRANSACT_PATH = '/api/transact.php';
export const QUERY_PATH = '/api/query.php';

/** Form fields in the order they are sent; the order is part of the request the tests pin down. */
export type FormFields = readonly (readonly [string, string])[];

export function encodeForm(fields: FormFields): string {
  return new URLSearchParams(fields.map(([name, value]): [string, string] => [name, value])).toString();
}

// dup_seconds "0 to disable duplicate checking" (Payment API, transaction variables). The ledger already sends each attempt
// once and never resends it, so NMI's check could only refuse a legitimate second partial refund of the same amount.
export const DUP_SECONDS = '0';

export interface RefundFormInput {
  readonly securityKey: string;
  readonly transactionId: string;
  /** already converted with toNmiAmount */
  readonly amount: string;
  readonly attemptId: string;
}

// Documented refund variables: type, security_key, transactionid, amount, payment (Payment API, "Refund").
// orderid and dup_seconds on refunds: github.com/activemerchant/active_merchant lib/active_merchant/billing/gateways/nmi.rb (add_invoice).
// A refund found by orderid through the Query API: github.com/juspay/hyperswitch crates/hyperswitch_connectors/src/connectors/nmi/transformers.rs (NmiRefundRequest, RSync).
export function refundForm(input: RefundFormInput): FormFields {
  return [
    ['security_key', input.securityKey],
    ['type', 'refund'],
    ['transactionid', input.transactionId],
    ['amount', input.amount],
    ['orderid', input.attemptId],
    ['dup_seconds', DUP_SECONDS],
  ];
}

// Void variables: type, security_key, transactionid, void_reason (EMV only), payment (ACH only); no orderid (Payment API, "Void").
export function voidForm(input: { readonly securityKey: string; readonly transactionId: string }): FormFields {
  return [
    ['security_key', input.securityKey],
    ['type', 'void'],
    ['transactionid', input.transactionId],
  ];
}

export function queryByTransactionIdForm(securityKey: string, transactionId: string): FormFields {
  return [
    ['security_key', securityKey],
    ['transaction_id', transactionId],
  ];
}

export function queryByOrderIdForm(securityKey: string, orderId: string): FormFields {
  return [
    ['security_key', securityKey],
    ['order_id', orderId],
  ];
}

export type NmiAmount = { readonly ok: true; readonly amount: string } | { readonly ok: false; readonly failure: AttemptFailure };

/**
 * Our money → NMI's `amount`, documented as "Format: x.xx". Zero-decimal currencies go as whole units; three-decimal
 * ones only when the last digit is 0. An amount of 0.00 would make NMI refund the entire payment ("Setting the amount
 * to 0.00 will refund the entire amount"), so it is never sent.
 */
export function toNmiAmount(money: Money): NmiAmount {
  const { minor, currency } = money;
  if (minor <= 0n) {
    return {
      ok: false,
      failure: {
        code: 'invalid_amount',
        message: 'The refund amount must be greater than zero; NMI would read 0.00 as "refund everything", so nothing was sent.',
      },
    };
  }
  const text = formatMinor(minor, currency);
  if (exponentOf(currency) < 3) return { ok: true, amount: text };
  if (minor % 10n === 0n) return { ok: true, amount: text.slice(0, -1) };
  const lower = minor - (minor % 10n);
  const show = (value: bigint) => `${formatMinor(value, currency)} ${currency}`;
  const options = lower > 0n ? `${show(lower)} or ${show(lower + 10n)}` : show(lower + 10n);
  return {
    ok: false,
    failure: {
      code: 'amount_not_accepted_by_provider',
      message: `NMI takes amounts with at most two decimals, so ${show(minor)} cannot be sent and nothing was refunded. Refund ${options} instead.`,
      detail: { currency, amount_minor: minor.toString() },
    },
  };
}

const NMI_TRANSACTION_ID = /^[0-9]+$/;
const WHAT_IS_NEEDED = 'An NMI refund needs the transaction id of the payment, a number such as 7654321098.';

export function isNmiTransactionId(providerTransactionId: string): boolean {
  return NMI_TRANSACTION_ID.test(providerTransactionId);
}

export function describeInvalidNmiId(providerTransactionId: string): string | null {
  if (isNmiTransactionId(providerTransactionId)) return null;
  const id = providerTransactionId.trim();
  if (id === '') return `The record has no NMI transaction id. ${WHAT_IS_NEEDED}`;
  if (isNmiTransactionId(id)) return 'The NMI transaction id on the record has spaces around it. Remove them and try again.';
  const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
  return `"${shown}" is not an NMI transaction id: those are made of digits only. ${WHAT_IS_NEEDED}`;
}

// "Transaction Response Variables": response 1 = approved, 2 = declined, 3 = error in transaction data or system error.
const directPostSchema = z.object({
  response: z.enum(['1', '2', '3']),
  responsetext: z.string(),
  transactionid: z.string(),
  response_code: z.string().regex(/^[0-9]{3}$/),
  orderid: z.string().optional(),
  type: z.string().optional(),
});

/** The fields of a Direct Post answer this adapter reads. */
export type DirectPostAnswer = z.infer<typeof directPostSchema>;

/** NMI answers `name=value&…` with HTTP 200 whatever happened; null when the body is not such an answer. */
export function readDirectPostAnswer(body: string): DirectPostAnswer | null {
  const text = body.trim();
  if (text === '' || text.startsWith('<')) return null;
  const parsed = directPostSchema.safeParse(Object.fromEntries(new URLSearchParams(text)));
  return parsed.success ? parsed.data : null;
}

/** NMI appends its own reference to refusals ("… REFID:3503249728"); support asks for it, reps do not need it. */
export function splitRefid(responsetext: string): { readonly text: string; readonly refid: string | null } {
  const match = /\s*REFID:\s*([0-9]+)\s*$/.exec(responsetext);
  if (!match) return { text: responsetext.trim(), refid: null };
  return { text: responsetext.slice(0, match.index).trim(), refid: match[1] ?? null };
}
