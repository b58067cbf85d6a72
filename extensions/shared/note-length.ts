/** The longest note the API keeps (src/contract/request-schemas.ts). */
export const NOTE_MAX_LENGTH = 2000;
