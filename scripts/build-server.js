'use strict';
/**
 * Compiles the backend (src/, TypeScript) into one CommonJS file, dist/server/main.js, that `npm start` and
 * `npm run cli` run with plain node: no TypeScript loader at run time. Dependencies stay in node_modules.
 * Run on install (postinstall) and again by bin/refund-card.js whenever src/ is newer than the output.
 */
const { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const output = path.join(root, 'dist', 'server', 'main.js');
const inputs = [path.join(root, 'src'), path.join(root, 'package.json'), path.join(root, 'tsconfig.json')];

function newestMtime(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function isStale() {
  let built;
  try {
    built = statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return inputs.some((input) => newestMtime(input) > built);
}

function build() {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    sourcesContent: false,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(path.dirname(output), { recursive: true });
  // Written aside and renamed: a server and a CLI command starting together never read half a file.
  const temporary = `${output}.${process.pid}.tmp`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, output);
}

function ensureBuilt() {
  if (isStale()) build();
  return output;
}

module.exports = { ensureBuilt, build, output };

if (require.main === module) {
  build();
  process.stdout.write(`Built ${path.relative(process.cwd(), output)}\n`);
}
