import { Text } from '@hubspot/ui-extensions';

/** A problem under a field that has no validation message of its own (a checkbox, a table row). */
export function FieldProblem({ field, message }: { field: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Text testId={`problem-${field}`} variant="microcopy" format={{ fontWeight: 'demibold' }}>
      {`⚠ ${message}`}
    </Text>
  );
}
