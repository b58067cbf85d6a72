import type { ZodError } from 'zod';

/** A mistake in the project's sources or build settings, said so that it can be fixed without a stack trace. */
export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

export function zodProblems(source: string, error: ZodError): BuildError {
  const lines = error.issues.map((issue) => `  - ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  return new BuildError(`${source} is not valid:\n${lines.join('\n')}`);
}
