import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SPECS_DIR } from './specs';

/**
 * Checks requests (and response fixtures) against HubSpot's published OpenAPI 3.0 specs in ../shared/specs/hubspot:
 * the operation must exist, path and query parameters must fit their schemas, the JSON body must fit the
 * requestBody schema. Request bodies are checked closed (a property the schema does not name is a problem),
 * because HubSpot's schemas leave `additionalProperties` open and a misspelt field would otherwise pass.
 */
export const HUBSPOT_SPECS_DIR = path.join(SPECS_DIR, 'hubspot');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SpecRequest {
  readonly method: string;
  /** path without the base URL's prefix, e.g. /crm/v3/objects/deals/42 */
  readonly path: string;
  readonly query?: URLSearchParams | string;
  readonly body?: unknown;
}

interface LoadedSpec {
  readonly file: string;
  readonly doc: JsonObject;
  readonly ajv: Ajv;
}

interface Operation {
  readonly spec: LoadedSpec;
  readonly template: string;
  readonly method: string;
  readonly operation: JsonObject;
  readonly pathItem: JsonObject;
  readonly pathParams: Record<string, string>;
}

const specsByDir = new Map<string, LoadedSpec[]>();

export function loadHubSpotSpecs(dir: string = HUBSPOT_SPECS_DIR): readonly LoadedSpec[] {
  const cached = specsByDir.get(dir);
  if (cached) return cached;
  if (!fs.existsSync(dir)) {
    throw new Error(`HubSpot OpenAPI specs not found at ${dir}: the adapter tests check every request against them, so they cannot run without them.`);
  }
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.json'));
  if (files.length === 0) throw new Error(`No HubSpot OpenAPI spec (*.json) in ${dir}.`);
  const specs = files.map((file) => loadSpec(dir, file));
  specsByDir.set(dir, specs);
  return specs;
}

function loadSpec(dir: string, file: string): LoadedSpec {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as JsonObject;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: specId(file), components: doc.components ?? {} });
  return { file, doc, ajv };
}

const specId = (file: string) => `https://hubspot.spec/${file}`;

/** The operation a request addresses: the matching path template with the most literal segments. */
export function findHubSpotOperation(method: string, requestPath: string, dir?: string): Operation | null {
  const segments = requestPath.split('/').slice(1);
  let best: { op: Operation; literals: number } | null = null;
  for (const spec of loadHubSpotSpecs(dir)) {
    const paths = (spec.doc.paths ?? {}) as Record<string, JsonObject>;
    for (const [template, pathItem] of Object.entries(paths)) {
      const operation = pathItem[method.toLowerCase()] as JsonObject | undefined;
      if (!operation) continue;
      const match = matchTemplate(template, segments);
      if (match && (!best || match.literals > best.literals)) {
        best = { op: { spec, template, method: method.toUpperCase(), operation, pathItem, pathParams: match.params }, literals: match.literals };
      }
    }
  }
  return best?.op ?? null;
}

function matchTemplate(template: string, segments: readonly string[]): { params: Record<string, string>; literals: number } | null {
  const parts = template.split('/').slice(1);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  let literals = 0;
  for (const [index, part] of parts.entries()) {
    const actual = segments[index] ?? '';
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name) {
      if (!actual) return null;
      params[name] = decodeURIComponent(actual);
    } else if (part === actual) {
      literals += 1;
    } else {
      return null;
    }
  }
  return { params, literals };
}

/** Problems with a request, empty when it conforms. */
export function validateHubSpotRequest(request: SpecRequest, dir?: string): string[] {
  const op = findHubSpotOperation(request.method, request.path, dir);
  const where = `${request.method.toUpperCase()} ${request.path}`;
  if (!op) return [`${where}: no operation in the HubSpot specs`];
  const problems: string[] = [];
  const parameters = [...asArray(op.pathItem.parameters), ...asArray(op.operation.parameters)].map((p) => resolve(op.spec, p));

  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    const value = op.pathParams[String(parameter.name)];
    problems.push(...checkValue(op, parameter, value === undefined ? [] : [value], `path.${String(parameter.name)}`));
  }

  const query = typeof request.query === 'string' ? new URLSearchParams(request.query) : (request.query ?? new URLSearchParams());
  const declared = parameters.filter((p) => p.in === 'query');
  for (const name of new Set(query.keys())) {
    if (!declared.some((p) => p.name === name)) problems.push(`query.${name}: not a parameter of ${op.template}`);
  }
  for (const parameter of declared) {
    problems.push(...checkValue(op, parameter, query.getAll(String(parameter.name)), `query.${String(parameter.name)}`));
  }

  const requestBody = op.operation.requestBody ? resolve(op.spec, op.operation.requestBody) : null;
  const bodySchema = (requestBody?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
  if (!requestBody) {
    if (request.body !== undefined && request.body !== null) problems.push('body: the operation takes no request body');
  } else if (request.body === undefined || request.body === null) {
    if (requestBody.required) problems.push('body: required');
  } else if (!bodySchema?.schema) {
    problems.push('body: the operation takes no JSON body');
  } else {
    problems.push(...runSchema(op.spec, closeObjects(op.spec, bodySchema.schema), request.body, 'body'));
  }
  return problems.map((problem) => `${where} (${op.spec.file} ${op.template}): ${problem}`);
}

/** Problems with a response fixture (2xx and documented errors), empty when it conforms. */
export function validateHubSpotResponse(method: string, requestPath: string, status: number, body: unknown, dir?: string): string[] {
  const op = findHubSpotOperation(method, requestPath, dir);
  if (!op) return [`${method} ${requestPath}: no operation in the HubSpot specs`];
  const responses = (op.operation.responses ?? {}) as JsonObject;
  const response = responses[String(status)] ?? responses.default;
  if (!response) return [`${method} ${requestPath}: status ${status} is not documented`];
  const content = (resolve(op.spec, response).content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
  if (!content?.schema) return [];
  return runSchema(op.spec, content.schema, body, `response ${status}`).map((problem) => `${method} ${requestPath}: ${problem}`);
}

function checkValue(op: Operation, parameter: JsonObject, raw: readonly string[], label: string): string[] {
  if (raw.length === 0) return parameter.required ? [`${label}: required`] : [];
  const schema = (parameter.schema ?? {}) as JsonObject;
  let value: unknown;
  if (schema.type === 'array') {
    const itemType = ((schema.items ?? {}) as JsonObject).type;
    const items = parameter.explode === false ? (raw[0] ?? '').split(',') : raw;
    value = items.map((item) => coerce(item, itemType));
  } else {
    if (raw.length > 1) return [`${label}: given ${raw.length} times but is not an array`];
    value = coerce(raw[0] ?? '', schema.type);
  }
  return runSchema(op.spec, schema, value, label);
}

function coerce(text: string, type: Json | undefined): unknown {
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

const compiled = new WeakMap<object, ValidateFunction>();

function runSchema(spec: LoadedSpec, schema: Json, value: unknown, label: string): string[] {
  const key = schema as object;
  let validate = compiled.get(key);
  if (!validate) {
    validate = spec.ajv.compile(absoluteRefs(schema, specId(spec.file)) as object);
    compiled.set(key, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${label}${error.instancePath} ${describe(error)}`);
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `has "${String(error.params.additionalProperty)}", which the schema does not name`;
  if (error.keyword === 'enum') return `must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return error.message ?? error.keyword;
}

/** `$ref: '#/components/…'` points into the spec document, which is registered in ajv under its own id. */
function absoluteRefs(schema: Json, id: string): Json {
  if (Array.isArray(schema)) return schema.map((item) => absoluteRefs(item, id));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${id}${value}` : absoluteRefs(value, id)]),
  );
}

const closedCache = new WeakMap<object, Json>();

/**
 * Request schemas with `additionalProperties: false` wherever an object lists its properties and says nothing
 * else; `$ref`s are inlined so that referenced components are closed too (a recursive one is left as a ref).
 */
function closeObjects(spec: LoadedSpec, schema: Json, expanding: ReadonlySet<string> = new Set()): Json {
  if (Array.isArray(schema)) return schema.map((item) => closeObjects(spec, item, expanding));
  if (schema === null || typeof schema !== 'object') return schema;
  if (expanding.size === 0) {
    const cached = closedCache.get(schema);
    if (cached) return cached;
  }
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#')) {
    if (expanding.has(ref)) return schema;
    return closeObjects(spec, resolve(spec, schema), new Set([...expanding, ref]));
  }
  const copy: JsonObject = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, closeObjects(spec, property, expanding)]))
        : closeObjects(spec, value, expanding),
    ]),
  );
  if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  if (expanding.size === 0) closedCache.set(schema, copy);
  return copy;
}

function resolve(spec: LoadedSpec, node: Json | undefined): JsonObject {
  let current = (node ?? {}) as JsonObject;
  while (typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Json>((at, part) => ((at as JsonObject)[part] ?? null), spec.doc) as JsonObject;
  }
  return current;
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}
