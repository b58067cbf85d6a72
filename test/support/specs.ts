import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The published API specs (HubSpot, Stripe, PayPal, Authorize.net) the tests check requests and fixtures against.
 * They live beside the repository, in ../shared/specs, as CI has them; SPECS_DIR points elsewhere.
 */
export const SPECS_DIR = process.env.SPECS_DIR ?? path.resolve(__dirname, '../../../shared/specs');

export function specPath(relative: string): string {
  const file = path.join(SPECS_DIR, relative);
  if (!existsSync(file)) {
    throw new Error(
      `API spec not found: ${file}. The tests check requests and fixtures against the published specs; ` +
        'put them in ../shared/specs beside this repository or set SPECS_DIR.',
    );
  }
  return file;
}

export function readSpecJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(specPath(relative), 'utf8')) as T;
}
