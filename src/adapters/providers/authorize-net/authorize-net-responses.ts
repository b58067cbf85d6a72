import * as z from 'zod';

/*
 * The parts of Authorize.net's answers this adapter reads (AnetApiSchema.xsd response types). In JSON the schema's
 * ArrayOf… wrappers come as plain arrays ("transactions": [...], transactionResponse "errors": [...]), while
 * messagesType keeps "message": [...] (https://github.com/stymiee/authnetjson/tree/master/examples); both shapes, and a
 * lone object for a one-element list, are accepted.
 */

function listOf<T extends z.ZodType>(item: T, wrapper: string) {
  const many = z.union([z.array(item), item.transform((one) => [one])]);
  return z.union([many, z.object({ [wrapper]: many }).transform((wrapped) => wrapped[wrapper] as z.output<T>[])]);
}

// messagesType: resultCode Ok | Error, then message { code, text }, one or more.
const messagesSchema = z.object({
  resultCode: z.enum(['Ok', 'Error']),
  message: listOf(z.object({ code: z.string(), text: z.string() }), 'message'),
});

// ANetApiResponse: refId?, messages.
const apiResponseSchema = z.object({ refId: z.string().optional(), messages: messagesSchema });

export type ApiMessages = z.output<typeof messagesSchema>;

const transactionResponseSchema = z.object({
  responseCode: z.string().optional(),
  transId: z.string().optional(),
  refTransID: z.string().optional(),
  messages: listOf(z.object({ code: z.string().optional(), description: z.string().optional() }), 'message').optional(),
  errors: listOf(z.object({ errorCode: z.string().optional(), errorText: z.string().optional() }), 'error').optional(),
});

const createTransactionSchema = apiResponseSchema.extend({ transactionResponse: transactionResponseSchema.optional() });

export type CreateTransactionAnswer = z.output<typeof createTransactionSchema>;
export type TransactionResponse = z.output<typeof transactionResponseSchema>;

// transactionDetailsType, the fields read here. settleAmount is an xs:decimal (at most 4 decimals) that JSON gives as a
// number; only the paid amount reads it, and turns it back into its decimal text (authorize-net-paid-amount).
const transactionDetailsSchema = z.object({
  transId: z.string(),
  refTransId: z.string().optional(),
  submitTimeUTC: z.string(),
  transactionType: z.string(),
  transactionStatus: z.string(),
  batch: z.object({ batchId: z.string(), settlementTimeUTC: z.string().optional(), settlementState: z.string() }).optional(),
  order: z.object({ invoiceNumber: z.string().optional() }).optional(),
  settleAmount: z.union([z.number(), z.string()]).optional(),
});

const transactionDetailsAnswerSchema = apiResponseSchema.extend({ transaction: transactionDetailsSchema.optional() });

export type TransactionDetails = z.output<typeof transactionDetailsSchema>;

// transactionSummaryType, the fields read here.
const transactionSummarySchema = z.object({
  transId: z.string(),
  submitTimeUTC: z.string(),
  transactionStatus: z.string(),
  invoiceNumber: z.string().optional(),
});

// getUnsettledTransactionListResponse / getTransactionListResponse: transactions?, then totalNumInResultSet? (current
// schema only: the size of the whole list when paging was asked for).
const transactionListAnswerSchema = apiResponseSchema.extend({
  transactions: listOf(transactionSummarySchema, 'transaction').optional(),
  totalNumInResultSet: z.number().int().nonnegative().optional(),
});

export type TransactionSummary = z.output<typeof transactionSummarySchema>;

// batchDetailsType, the fields read here.
const batchListAnswerSchema = apiResponseSchema.extend({
  batchList: listOf(z.object({ batchId: z.string(), settlementTimeUTC: z.string().optional(), settlementState: z.string() }), 'batch').optional(),
});

// getMerchantDetailsResponse (current schema, see merchantDetailsBody), the field read here: currencies, an
// ArrayOfCurrencyCode of nillable three-letter codes, the currencies the merchant account processes.
const merchantDetailsAnswerSchema = apiResponseSchema.extend({ currencies: listOf(z.string().nullable(), 'currency').optional() });

/** A parsed answer, or null when the body is not the expected response type (a proxy page, a wrong endpoint). */
export type Reader<T> = (body: unknown) => T | null;

function reader<T extends z.ZodType>(schema: T): Reader<z.output<T>> {
  return (body) => {
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : null;
  };
}

export const readCreateTransaction = reader(createTransactionSchema);
export const readTransactionDetails = reader(transactionDetailsAnswerSchema);
export const readTransactionList = reader(transactionListAnswerSchema);
export const readBatchList = reader(batchListAnswerSchema);
export const readMerchantDetails = reader(merchantDetailsAnswerSchema);

export type TransactionDetailsAnswer = z.output<typeof transactionDetailsAnswerSchema>;
export type TransactionListAnswer = z.output<typeof transactionListAnswerSchema>;
export type BatchListAnswer = z.output<typeof batchListAnswerSchema>;

/**
 * The decimal Authorize.net wrote. JSON hands it over as a number; a decimal of at most 15 significant digits (parseMoney
 * refuses more) comes back from a double's shortest text exactly as written, so no arithmetic ever touches it. Exponent
 * forms ("1e-7", "1e+21") are not plain decimals and are refused by parseMoney too.
 */
export function decimalText(value: number | string | undefined): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}
