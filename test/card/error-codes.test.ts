import { ERROR_CODES } from '../../src/domain/errors';
import { BACKEND_ERROR_CODES } from '../../extensions/refund-card/api-error';
import { errorTitle } from '../../extensions/refund-card/error-text';

/** Codes of routes the card never calls: the policy is edited on the settings page, not on the card. */
const NOT_FOR_THE_CARD = ['INVALID_POLICY', 'POLICY_VERSION_CONFLICT', 'POLICY_LOCKED'];

describe("the card's list of backend error codes", () => {
  it('is every code the backend can answer the card, so that a new one is not forgotten', () => {
    expect([...BACKEND_ERROR_CODES].sort()).toEqual(ERROR_CODES.filter((code) => !NOT_FOR_THE_CARD.includes(code)).sort());
  });

  it('gives each code a title of its own', () => {
    const generic = errorTitle({ code: 'SOMETHING_NEW', message: '', status: 400 });
    for (const code of BACKEND_ERROR_CODES) expect(errorTitle({ code, message: '', status: 400 })).not.toBe(generic);
  });
});
