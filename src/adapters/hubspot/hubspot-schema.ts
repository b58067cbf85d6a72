import * as z from 'zod';
import { AppError } from '../../domain/errors';
import type { CrmSchema, PropertyDefinition, PropertyGroupDefinition, SchemaChange } from '../../ports/crm-schema';
import { type HubSpotClient, malformedResponse, segment, unexpectedResponse } from './hubspot-client';
import { zodIssues } from './hubspot-mapping';

const existingPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  options: z
    .array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number().optional(), hidden: z.boolean().optional() }))
    .default([]),
});
type ExistingProperty = z.output<typeof existingPropertySchema>;

const propertyListSchema = z.object({ results: z.array(existingPropertySchema) });
const batchErrorsSchema = z.object({ errors: z.array(z.object({ message: z.string() })).default([]) });

/**
 * Property setup through crm-properties-v3 with the fewest calls: read the group, read every property of the
 * object type in one listing, create what is missing in one batch, PATCH only what differs. An account that is
 * already set up costs two reads and no write.
 */
export function createHubSpotSchema(client: HubSpotClient): CrmSchema {
  const base = (objectType: string) => `/crm/v3/properties/${segment(objectType)}`;

  async function ensureGroup(objectType: string, group: PropertyGroupDefinition): Promise<boolean> {
    const found = await client.send({ method: 'GET', path: `${base(objectType)}/groups/${segment(group.name)}` });
    if (found.status === 200) return false;
    if (found.status !== 404) throw unexpectedResponse(found, 'read the property group');
    const created = await client.send({ method: 'POST', path: `${base(objectType)}/groups`, body: { name: group.name, label: group.label } });
    if (created.status === 201 || created.status === 200) return true;
    if (created.status === 409) return false;
    throw unexpectedResponse(created, 'create the property group');
  }

  async function listProperties(objectType: string): Promise<Map<string, ExistingProperty>> {
    const listed = await client.send({ method: 'GET', path: base(objectType) });
    if (listed.status !== 200) throw unexpectedResponse(listed, 'list the properties');
    const parsed = propertyListSchema.safeParse(listed.body);
    if (!parsed.success) throw malformedResponse('list the properties', zodIssues(parsed.error));
    return new Map(parsed.data.results.map((property) => [property.name, property]));
  }

  async function createAll(objectType: string, groupName: string, missing: readonly PropertyDefinition[]): Promise<void> {
    if (missing.length === 0) return;
    const inputs = missing.map((definition) => ({ ...definitionBody(definition), name: definition.name, groupName }));
    const created = await client.send({ method: 'POST', path: `${base(objectType)}/batch/create`, body: { inputs } });
    if (created.status === 201 || created.status === 200) return;
    if (created.status === 207) {
      const errors = batchErrorsSchema.safeParse(created.body).data?.errors ?? [];
      throw new AppError('INTERNAL', 'HubSpot created only some of the refund properties; run the setup again.', {
        status: 207,
        errors: errors.map((error) => error.message),
      });
    }
    throw unexpectedResponse(created, 'create the refund properties');
  }

  async function update(objectType: string, definition: PropertyDefinition): Promise<void> {
    const updated = await client.send({ method: 'PATCH', path: `${base(objectType)}/${segment(definition.name)}`, body: definitionBody(definition) });
    if (updated.status !== 200) throw unexpectedResponse(updated, `update the property ${definition.name}`);
  }

  return {
    async ensureProperties(objectType, group, properties): Promise<SchemaChange[]> {
      const groupCreated = await ensureGroup(objectType, group);
      const existing = await listProperties(objectType);
      const missing = properties.filter((definition) => !existing.has(definition.name));
      const differing = properties.filter((definition) => {
        const current = existing.get(definition.name);
        return current !== undefined && differs(current, definition);
      });
      await createAll(objectType, group.name, missing);
      for (const definition of differing) await update(objectType, definition);

      const changes: SchemaChange[] = groupCreated ? [{ kind: 'group_created', objectType, name: group.name }] : [];
      for (const { name } of properties) {
        const kind = missing.some((d) => d.name === name) ? 'property_created' : differing.some((d) => d.name === name) ? 'property_updated' : 'unchanged';
        changes.push({ kind, objectType, name });
      }
      return changes;
    },
  };
}

/** PropertyCreate / PropertyUpdate fields the app owns; `hidden` is required on each OptionInput. */
function definitionBody(definition: PropertyDefinition) {
  return {
    label: definition.label,
    description: definition.description,
    type: definition.type,
    fieldType: definition.fieldType,
    ...(definition.options
      ? { options: definition.options.map((option) => ({ label: option.label, value: option.value, displayOrder: option.displayOrder, hidden: false })) }
      : {}),
  };
}

/**
 * Label, type, field type and options are compared; description and group are left as an admin may have
 * set them. An extra option an admin hid is tolerated; an extra visible one is replaced.
 */
function differs(current: ExistingProperty, wanted: PropertyDefinition): boolean {
  if (current.label !== wanted.label || current.type !== wanted.type || current.fieldType !== wanted.fieldType) return true;
  if (wanted.type !== 'enumeration') return false;
  const wantedOptions = wanted.options ?? [];
  const byValue = new Map(current.options.map((option) => [option.value, option]));
  const mismatch = wantedOptions.some((option) => {
    const found = byValue.get(option.value);
    return !found || found.label !== option.label || found.hidden === true || (found.displayOrder ?? option.displayOrder) !== option.displayOrder;
  });
  const wantedValues = new Set(wantedOptions.map((option) => option.value));
  const extraVisible = current.options.some((option) => !wantedValues.has(option.value) && option.hidden !== true);
  return mismatch || extraVisible;
}
