import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { specPath } from '../../support/specs';

/*
 * PayPal's published Payments v2 spec (../shared/specs/paypal/payments_payment_v2.json) as a check on our fixtures and
 * on the bodies the adapter sends: JSON Schema validation, plus "field for field": a key the schema does not name
 * anywhere (allOf, anyOf and $ref followed) is reported, because PayPal's schemas leave objects open.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const PAYPAL_SPEC_FILE = specPath('paypal/payments_payment_v2.json');
const spec = JSON.parse(readFileSync(PAYPAL_SPEC_FILE, 'utf8')) as JsonObject;
const SPEC_ID = 'https://paypal.spec/payments_payment_v2.json';

// PayPal's own formats (ppaas_…) come with a `pattern` wherever they matter; its email pattern is not valid with /u.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
ajv.addSchema({ $id: SPEC_ID, components: spec.components ?? {} });

function at(pointer: string): Json {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json>((node, part) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? (node[part] ?? null) : null), spec);
}

function resolve(node: Json | undefined): JsonObject {
  let current = (node ?? {}) as JsonObject;
  while (typeof current.$ref === 'string') current = at(current.$ref) as JsonObject;
  return current;
}

function operation(operationId: string): JsonObject {
  for (const item of Object.values((spec.paths ?? {}) as JsonObject)) {
    for (const candidate of Object.values(item as JsonObject)) {
      if (candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate) && candidate.operationId === operationId) return candidate;
    }
  }
  throw new Error(`no operation ${operationId} in the PayPal spec`);
}

function jsonSchemaOf(container: JsonObject): Json | undefined {
  return ((resolve(container).content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema;
}

/** Problems with a response body for `operationId` answering `status`; empty when it conforms. */
export function responseProblems(operationId: string, status: number, body: unknown): string[] {
  const responses = (operation(operationId).responses ?? {}) as JsonObject;
  const response = responses[String(status)] ?? responses.default;
  if (!response) return [`${operationId}: status ${status} is not documented`];
  const schema = jsonSchemaOf(response as JsonObject);
  if (schema === undefined) return [`${operationId}: status ${status} has no JSON body in the spec`];
  return check(schema, body, `${operationId} ${status}`);
}

/** Problems with a request body for `operationId`; empty when it conforms. */
export function requestBodyProblems(operationId: string, body: unknown): string[] {
  const requestBody = operation(operationId).requestBody;
  if (!requestBody) return [`${operationId}: takes no request body`];
  const schema = jsonSchemaOf(requestBody as JsonObject);
  if (schema === undefined) return [`${operationId}: takes no JSON body`];
  return check(schema, body, `${operationId} request`);
}

/** The description PayPal's spec gives an issue in an error schema (e.g. `captures.refund-422`), for spec-shaped fixtures. */
export function issueDescription(schemaName: string, issue: string): string {
  const items = resolve((resolve(at(`#/components/schemas/${schemaName}`)).properties as JsonObject).details);
  const branches = ((resolve(items.items) as JsonObject).anyOf ?? []) as JsonObject[];
  for (const branch of branches) {
    const properties = (branch.properties ?? {}) as JsonObject;
    if (((properties.issue as JsonObject | undefined)?.enum as Json[] | undefined)?.[0] !== issue) continue;
    const description = ((properties.description as JsonObject | undefined)?.enum as Json[] | undefined)?.[0];
    return typeof description === 'string' ? description : `${issue} (the spec gives no fixed description)`;
  }
  throw new Error(`${issue} is not an issue of ${schemaName} in the PayPal spec`);
}

/** The `message` the spec fixes for an error name's schema (error_400 … error_503). */
export function errorMessage(errorSchema: string): { name: string; message: string } {
  const properties = (resolve(at(`#/components/schemas/${errorSchema}`)).properties ?? {}) as JsonObject;
  const first = (key: string) => String(((properties[key] as JsonObject).enum as Json[])[0]);
  return { name: first('name'), message: first('message') };
}

function check(schema: Json, value: unknown, label: string): string[] {
  const validate = ajv.compile(absoluteRefs(schema) as object);
  const problems = validate(value) ? [] : (validate.errors ?? []).map((error) => `${label}${error.instancePath} ${error.message ?? error.keyword}`);
  return [...problems, ...unnamedFields([schema], value, label)];
}

function absoluteRefs(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(absoluteRefs);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? `${SPEC_ID}${value}` : absoluteRefs(value)]),
  );
}

/** Every schema a value may be checked against, through $ref, allOf, anyOf and oneOf. */
function flatten(schemas: readonly Json[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (node: Json) => {
    const schema = resolve(node);
    out.push(schema);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const branch of (schema[key] ?? []) as Json[]) visit(branch);
  };
  schemas.forEach(visit);
  return out;
}

function unnamedFields(schemas: readonly Json[], value: unknown, where: string): string[] {
  const all = flatten(schemas);
  if (Array.isArray(value)) {
    const items = all.flatMap((schema) => (schema.items === undefined ? [] : [schema.items]));
    return value.flatMap((item, index) => unnamedFields(items, item, `${where}[${index}]`));
  }
  if (value === null || typeof value !== 'object') return [];
  const named = new Map<string, Json[]>();
  for (const schema of all) {
    for (const [key, property] of Object.entries((schema.properties ?? {}) as JsonObject)) named.set(key, [...(named.get(key) ?? []), property]);
  }
  return Object.entries(value).flatMap(([key, field]) => {
    const candidates = named.get(key);
    return candidates ? unnamedFields(candidates, field, `${where}.${key}`) : [`${where}.${key} is not named by the spec`];
  });
}
