import { ERROR_CODES } from '../../src/domain/errors';
import { BACKEND_ERROR_CODES } from '../../extensions/shared/api-error';
import { errorTitle } from '../../extensions/shared/error-text';

describe("the UI's list of backend error codes (shared by the card, the settings page and the home page)", () => {
  it('is every code the backend can answer, so that a new one is not forgotten', () => {
    expect([...BACKEND_ERROR_CODES].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('gives each code a title of its own', () => {
    const generic = errorTitle({ code: 'SOMETHING_NEW', message: '', status: 400 });
    for (const code of BACKEND_ERROR_CODES) expect(errorTitle({ code, message: '', status: 400 })).not.toBe(generic);
  });
});
