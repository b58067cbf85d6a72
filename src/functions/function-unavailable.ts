/** The function cannot serve until its secrets are set: answered 503; what is missing (`details`) is only logged, for the operator. */
export class FunctionUnavailable extends Error {
  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'FunctionUnavailable';
  }
}
