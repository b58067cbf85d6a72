export interface PropertyDefinition {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly type: 'enumeration' | 'number' | 'datetime' | 'string';
  readonly fieldType: 'select' | 'number' | 'date' | 'text';
  readonly options?: readonly { readonly label: string; readonly value: string; readonly displayOrder: number }[];
}

export interface PropertyGroupDefinition {
  readonly name: string;
  readonly label: string;
}

export type SchemaChange =
  | { readonly kind: 'group_created'; readonly objectType: string; readonly name: string }
  | { readonly kind: 'property_created'; readonly objectType: string; readonly name: string }
  | { readonly kind: 'property_updated'; readonly objectType: string; readonly name: string }
  | { readonly kind: 'unchanged'; readonly objectType: string; readonly name: string };

export interface CrmSchema {
  /** Creates the group and properties that are missing and mends ones that differ; a second run changes nothing. */
  ensureProperties(objectType: string, group: PropertyGroupDefinition, properties: readonly PropertyDefinition[]): Promise<SchemaChange[]>;
}
