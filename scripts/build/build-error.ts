import type { ZodError } from 'zod';

/** A mistake in the project's sources or build settings, said so that it can be fixed without a stack trace. */
export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

/** One problem is one line; several are listed under it. */
export function zodProblems(source: string, error: ZodError): BuildError {
  const problems = error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  if (problems.length === 1) return new BuildError(`${source} is not valid: ${problems[0]}`);
  return new BuildError(`${source} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}
