/** The function cannot serve until its secrets are set: answered 503 with what is missing, for the admin. */
export class FunctionUnavailable extends Error {
  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'FunctionUnavailable';
  }
}
