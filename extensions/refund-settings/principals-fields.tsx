import { Checkbox, Flex, MultiSelect, Text } from '@hubspot/ui-extensions';
import { FieldProblem } from './field-problem';
import type { PrincipalList, PrincipalsGroup } from './policy-draft';
import type { PolicyOptions, Principals } from './policy-schemas';

interface PrincipalsFieldsProps {
  readonly group: PrincipalsGroup;
  readonly value: Principals;
  readonly options: PolicyOptions | null;
  readonly readOnly: boolean;
  /** what it means when the rule names nobody */
  readonly whenNobody: string;
  readonly problemAt: (field: string) => string | undefined;
  readonly onChange: (field: string, value: Principals) => void;
}

type Option = { readonly label: string; readonly value: string };

/** Who a rule names, picked by name: super admins as a group, and users, teams and roles of the account. */
export function PrincipalsFields({ group, value, options, readOnly, whenNobody, problemAt, onChange }: PrincipalsFieldsProps) {
  const picker = (list: PrincipalList, label: string, known: readonly Option[], unknown: (id: string) => string) => {
    const field = `${group}.${list}`;
    return (
      <MultiSelect
        testId={field}
        name={field}
        label={label}
        placeholder={readOnly ? 'Nobody' : 'Pick by name'}
        readOnly={readOnly}
        options={withUnknown(known, value[list], unknown)}
        value={[...value[list]]}
        error={problemAt(field) !== undefined}
        validationMessage={problemAt(field)}
        onChange={(ids) => onChange(field, { ...value, [list]: ids.map(String) })}
      />
    );
  };
  const superAdminsField = `${group}.superAdmins`;
  // Without the account's lists (they failed to load) an id is only unnamed, not gone.
  const missing = options ? ' (not found in this account)' : '';
  return (
    <Flex direction="column" gap="sm">
      <Checkbox
        testId={superAdminsField}
        name={superAdminsField}
        checked={value.superAdmins}
        readOnly={readOnly}
        description="Everyone who is a super admin in this HubSpot account."
        onChange={(checked) => onChange(superAdminsField, { ...value, superAdmins: checked })}
      >
        Super admins
      </Checkbox>
      <FieldProblem field={superAdminsField} message={problemAt(superAdminsField)} />
      {picker('userIds', 'Users', (options?.users ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.email})${user.superAdmin ? ', super admin' : ''}` })), (id) => `User ${id}${missing}`)}
      {picker('teamIds', 'Teams (their primary and additional members)', (options?.teams ?? []).map((team) => ({ value: team.id, label: team.name })), (id) => `Team ${id}${missing}`)}
      {picker('roleIds', 'Roles', (options?.roles ?? []).map((role) => ({ value: role.id, label: role.name })), (id) => `Role ${id}${missing}`)}
      {namesNobody(value) ? <Text testId={`${group}-nobody`}>{whenNobody}</Text> : null}
    </Flex>
  );
}

/** An id the policy names but the account no longer lists stays visible, so that saving never drops it unseen. */
function withUnknown(known: readonly Option[], ids: readonly string[], unknown: (id: string) => string): Option[] {
  const missing = ids.filter((id) => !known.some((option) => option.value === id));
  return [...known, ...missing.map((id) => ({ value: id, label: unknown(id) }))];
}

function namesNobody(principals: Principals): boolean {
  return !principals.superAdmins && principals.userIds.length + principals.teamIds.length + principals.roleIds.length === 0;
}
