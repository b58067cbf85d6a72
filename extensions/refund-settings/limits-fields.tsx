import { Button, Flex, Input, Select, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { FieldProblem } from './field-problem';
import type { LimitDraft } from './policy-draft';
import type { PolicyOptions } from './policy-schemas';

interface LimitsFieldsProps {
  readonly limits: readonly LimitDraft[];
  readonly currencies: PolicyOptions['currencies'] | null;
  readonly readOnly: boolean;
  readonly problemAt: (field: string) => string | undefined;
  /** `field` names what changed: a whole row ("limits.USD") or one amount ("limits.USD.perDay") */
  readonly onChange: (field: string, limits: readonly LimitDraft[]) => void;
}

/** Per currency: the most one refund, and one refunder in any 24 hours, may be without approval. Empty = no limit. */
export function LimitsFields({ limits, currencies, readOnly, problemAt, onChange }: LimitsFieldsProps) {
  const decimalsOf = (code: string) => currencies?.find((currency) => currency.code === code)?.decimals;
  const update = (index: number, field: 'perRefund' | 'perDay', text: string) =>
    onChange(`limits.${limits[index]?.currency}.${field}`, limits.map((limit, at) => (at === index ? { ...limit, [field]: text } : limit)));
  const amountInput = (limit: LimitDraft, index: number, field: 'perRefund' | 'perDay', label: string) => {
    const key = `limits.${limit.currency}.${field}`;
    const decimals = decimalsOf(limit.currency);
    return (
      <Input
        testId={`limit-${limit.currency}-${field}`}
        name={key}
        label={`${label} (${limit.currency})`}
        placeholder="No limit"
        description={decimals === undefined ? undefined : decimals === 0 ? 'A whole amount' : `Up to ${decimals} decimals`}
        readOnly={readOnly}
        value={limit[field]}
        error={problemAt(key) !== undefined}
        validationMessage={problemAt(key)}
        onInput={(text) => update(index, field, text)}
      />
    );
  };
  const unused = (currencies ?? []).filter((currency) => !limits.some((limit) => limit.currency === currency.code));

  return (
    <Flex direction="column" gap="sm">
      {limits.length === 0 ? (
        <Text testId="limits-none">No currency has limits: &quot;Other currencies&quot; below applies to every refund.</Text>
      ) : (
        <Table testId="limits" bordered>
          <TableHead>
            <TableRow>
              <TableHeader>Currency</TableHeader>
              <TableHeader>Per refund</TableHeader>
              <TableHeader>Per refunder in any 24 hours</TableHeader>
              {readOnly ? null : <TableHeader width="min"> </TableHeader>}
            </TableRow>
          </TableHead>
          <TableBody>
            {limits.map((limit, index) => (
              <TableRow key={limit.currency} testId={`limit-${limit.currency}`}>
                <TableCell>
                  <Text format={{ fontWeight: 'bold' }}>{limit.currency}</Text>
                  <FieldProblem field={`limits.${limit.currency}`} message={problemAt(`limits.${limit.currency}`)} />
                </TableCell>
                <TableCell>{amountInput(limit, index, 'perRefund', 'Per refund')}</TableCell>
                <TableCell>{amountInput(limit, index, 'perDay', 'Per day')}</TableCell>
                {readOnly ? null : (
                  <TableCell>
                    <Button
                      testId={`limit-${limit.currency}-remove`}
                      variant="transparent"
                      size="xs"
                      onClick={() => onChange(`limits.${limit.currency}`, limits.filter((_, at) => at !== index))}
                    >
                      Remove
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <FieldProblem field="limits" message={problemAt('limits')} />
      {readOnly ? null : currencies === null ? (
        <Text testId="limits-no-currencies">The currency list could not be loaded, so no currency can be added now.</Text>
      ) : (
        <Select
          testId="limit-add"
          name="limit-add"
          label="Add limits for a currency"
          placeholder="Choose a currency"
          options={unused.map((currency) => ({ value: currency.code, label: currency.code }))}
          onChange={(code) => {
            if (typeof code === 'string' && unused.some((currency) => currency.code === code)) {
              onChange(`limits.${code}`, [...limits, { currency: code, perRefund: '', perDay: '' }]);
            }
          }}
        />
      )}
    </Flex>
  );
}
