import { findHubSpotOperation, loadHubSpotSpecs, validateHubSpotRequest } from '../../support/hubspot-openapi';

const noteBody = {
  properties: { hs_timestamp: '2025-03-04T05:06:07.089Z', hs_note_body: '<p>x</p>' },
  associations: [{ to: { id: '1' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }],
};

describe('the HubSpot OpenAPI check used by the adapter tests', () => {
  it('fails loudly when the specs folder is missing', () => {
    expect(() => loadHubSpotSpecs('/nowhere/specs/hubspot')).toThrow(/HubSpot OpenAPI specs not found at \/nowhere\/specs\/hubspot/);
  });

  it('finds the most specific operation', () => {
    expect(findHubSpotOperation('POST', '/crm/v3/objects/notes')?.spec.file).toBe('crm-notes-v3.json');
    expect(findHubSpotOperation('GET', '/crm/v3/objects/deals/1')?.template).toBe('/crm/v3/objects/{objectType}/{objectId}');
    expect(findHubSpotOperation('POST', '/crm/v3/properties/deals/groups')?.template).toBe('/crm/v3/properties/{objectType}/groups');
  });

  it('accepts a conforming request', () => {
    expect(validateHubSpotRequest({ method: 'POST', path: '/crm/v3/objects/notes', body: noteBody })).toEqual([]);
    expect(validateHubSpotRequest({ method: 'GET', path: '/crm/v3/objects/deals/1', query: 'properties=amount&properties=dealname&archived=false' })).toEqual([]);
  });

  it('reports an unknown operation', () => {
    expect(validateHubSpotRequest({ method: 'GET', path: '/crm/v3/nothing/here' })).toEqual(['GET /crm/v3/nothing/here: no operation in the HubSpot specs']);
    expect(validateHubSpotRequest({ method: 'DELETE', path: '/settings/v3/users/1/extra' })).toHaveLength(1);
  });

  it('reports a missing required field and a field the schema does not name', () => {
    const { associations: _omitted, ...withoutAssociations } = noteBody;
    expect(validateHubSpotRequest({ method: 'POST', path: '/crm/v3/objects/notes', body: withoutAssociations })).toEqual([
      expect.stringContaining("body must have required property 'associations'"),
    ]);
    expect(validateHubSpotRequest({ method: 'POST', path: '/crm/v3/objects/notes', body: { ...noteBody, association: [] } })).toEqual([
      expect.stringContaining('has "association", which the schema does not name'),
    ]);
  });

  it('checks inside referenced components too', () => {
    const option = { label: 'A', value: 'a', displayOrder: 0 };
    const problems = validateHubSpotRequest({
      method: 'POST',
      path: '/crm/v3/properties/deals/batch/create',
      body: { inputs: [{ name: 'x', label: 'X', groupName: 'refunds', type: 'enumeration', fieldType: 'dropdown', options: [option] }] },
    });
    expect(problems).toEqual([
      expect.stringContaining('body/inputs/0/fieldType must be one of'),
      expect.stringContaining("body/inputs/0/options/0 must have required property 'hidden'"),
    ]);
  });

  it('reports unknown and ill-typed query parameters, and a body where none belongs', () => {
    expect(validateHubSpotRequest({ method: 'GET', path: '/crm/v3/objects/deals/1', query: 'archived=maybe&propertys=amount' })).toEqual([
      expect.stringContaining('query.propertys: not a parameter'),
      expect.stringContaining('query.archived must be boolean'),
    ]);
    expect(validateHubSpotRequest({ method: 'PUT', path: '/crm/v4/objects/notes/1/associations/default/deals/2', body: [] })).toEqual([
      expect.stringContaining('body: the operation takes no request body'),
    ]);
  });
});
