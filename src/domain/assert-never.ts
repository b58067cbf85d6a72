/** The end of an exhaustive switch: a new member of a union that is not handled fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
