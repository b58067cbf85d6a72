import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildProject } from '../../scripts/build-hubspot-project';
import { BuildError } from '../../scripts/build/build-error';

const ROOT = path.resolve(__dirname, '../..');

/** Build input (issue 11, item 10): a BACKEND_URL that would leak or crash fails the build with one clear line. */
describe('BACKEND_URL', () => {
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'build-input-')), 'project');

  it.each([
    ['a user and password', 'https://admin:hunter2@refunds.example.com', /^The build settings \(environment\) is not valid: BACKEND_URL: must not carry a user name or password/],
    ['a user alone', 'https://deploy@refunds.example.com', /BACKEND_URL: must not carry a user name or password/],
    ['no scheme', 'refunds.example.com', /^The build settings \(environment\) is not valid: BACKEND_URL: must be a full https:\/\/ URL, scheme included/],
    ['no scheme, with a port', 'refunds.example.com:8443', /BACKEND_URL: must be an https:\/\/ URL$/],
    ['a relative reference', '//refunds.example.com', /BACKEND_URL: must be a full https:\/\/ URL/],
    ['plain http', 'http://refunds.example.com', /BACKEND_URL: must be an https:\/\/ URL/],
  ])('with %s fails the build with one line, writing nothing', async (_label, url, message) => {
    const failure = await buildProject({ outDir, env: { BACKEND_URL: url } }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BuildError);
    expect((failure as BuildError).message).toMatch(message);
    expect((failure as BuildError).message).not.toContain('\n');
    expect((failure as BuildError).message).not.toContain('hunter2');
    expect(existsSync(outDir)).toBe(false);
  });

  it('says so on one line of stderr when `npm run build` runs, without a stack trace', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/build-hubspot-project.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', BACKEND_URL: 'refunds.example.com' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Build failed: .*BACKEND_URL: must be a full https:\/\/ URL/)]);
  });
});
