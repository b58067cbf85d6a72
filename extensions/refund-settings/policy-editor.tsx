import { Button, Divider, Flex, Heading, LoadingButton, Text } from '@hubspot/ui-extensions';
import { Fragment, useCallback, useMemo, useState } from 'react';
import { LimitsFields } from './limits-fields';
import { LockedNotice } from './locked-notice';
import type { PolicyApi } from './policy-api';
import { checkDraft } from './policy-checks';
import { draftOf, type PolicyDraft, type PrincipalsGroup, sameDraft } from './policy-draft';
import { fieldsOf, messageAt, placeProblems, stillApplies } from './policy-problems';
import type { PolicyOptions, PolicyView } from './policy-schemas';
import { PrincipalsFields } from './principals-fields';
import { RulesFields } from './rules-fields';
import { SaveOutcome } from './save-outcome';
import { usePolicySave } from './use-policy-save';

const PRINCIPAL_GROUPS: readonly { group: PrincipalsGroup; heading: string; intro: string | null; whenNobody: string }[] = [
  { group: 'refunders', heading: 'Who may refund', intro: null, whenNobody: 'Nobody may refund: the Refund card only shows payments.' },
  {
    group: 'approvers',
    heading: 'Who approves',
    intro: 'Approvers decide requests above a limit; nobody approves their own. With no approvers, a refund above a limit is refused.',
    whenNobody: 'Nobody approves: a refund above a limit is refused instead of waiting for approval.',
  },
];

interface PolicyEditorProps {
  readonly api: PolicyApi;
  /** the version read: a save goes over it */
  readonly view: PolicyView;
  readonly options: PolicyOptions | null;
  readonly onSaved: (view: PolicyView) => void;
  readonly onReload: () => void;
}

/**
 * The policy as a form. Problems show next to their fields: the form's own checks as soon as something is
 * typed, the backend's (400 INVALID_POLICY) until their field is edited. Read-only when the backend pins it.
 */
export function PolicyEditor({ api, view, options, onSaved, onReload }: PolicyEditorProps) {
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(view.policy));
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const decimals = useMemo(() => (options ? new Map(options.currencies.map((currency) => [currency.code, currency.decimals])) : null), [options]);
  const check = useMemo(() => checkDraft(draft, decimals), [draft, decimals]);
  const savedHere = useCallback(
    (saved: PolicyView) => {
      setDraft(draftOf(saved.policy));
      setEdited(new Set());
      onSaved(saved);
    },
    [onSaved],
  );
  const { state, save, notSent, forget } = usePolicySave(api, savedHere);

  const readOnly = view.locked || state.kind === 'locked';
  const backendProblems = state.kind === 'invalid' ? state.problems.filter((problem) => stillApplies(problem, edited)) : [];
  const placed = placeProblems([...(check.ok ? [] : check.problems), ...backendProblems], fieldsOf(draft));
  const problemAt = (field: string) => messageAt(placed, field);
  const dirty = !sameDraft(draft, draftOf(view.policy));

  const change = (field: string, next: PolicyDraft) => {
    setDraft(next);
    setEdited((current) => new Set(current).add(field));
    if (state.kind === 'saved' || state.kind === 'not_sent') forget();
  };
  const submit = () => {
    setEdited(new Set());
    if (check.ok) void save(check.document, view.version);
    else notSent(check.problems.length);
  };
  const discard = () => {
    setDraft(draftOf(view.policy));
    setEdited(new Set());
    forget();
  };

  return (
    <Flex direction="column" gap="md">
      {readOnly ? <LockedNotice message={state.kind === 'locked' ? state.message : null} /> : null}
      {PRINCIPAL_GROUPS.map(({ group, heading, intro, whenNobody }) => (
        <Fragment key={group}>
          <Heading>{heading}</Heading>
          {intro ? <Text>{intro}</Text> : null}
          <PrincipalsFields
            group={group}
            value={draft[group]}
            options={options}
            readOnly={readOnly}
            whenNobody={whenNobody}
            problemAt={problemAt}
            onChange={(field, principals) => change(field, { ...draft, [group]: principals })}
          />
        </Fragment>
      ))}
      <Heading>Limits without approval</Heading>
      <Text>Up to these amounts a refunder refunds at once; above either, the refund waits for an approver. Leave a limit empty for none.</Text>
      <LimitsFields limits={draft.limits} currencies={options?.currencies ?? null} readOnly={readOnly} problemAt={problemAt} onChange={(field, limits) => change(field, { ...draft, limits })} />
      <Heading>Rules</Heading>
      <RulesFields draft={draft} readOnly={readOnly} problemAt={problemAt} onChange={change} />
      {readOnly ? null : (
        <>
          <Divider />
          <SaveOutcome state={state} elsewhere={placed.elsewhere} onReload={onReload} />
          <Flex direction="row" gap="sm" align="center">
            <LoadingButton testId="policy-save" variant="primary" loading={state.kind === 'saving'} disabled={state.kind === 'saving' || !dirty} onClick={submit}>
              Save the policy
            </LoadingButton>
            <Button testId="policy-discard" variant="secondary" disabled={state.kind === 'saving' || !dirty} onClick={discard}>
              Discard changes
            </Button>
            {dirty ? null : <Text testId="policy-unchanged">No unsaved changes.</Text>}
          </Flex>
        </>
      )}
    </Flex>
  );
}
