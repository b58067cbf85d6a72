import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { readAppJson, withBackendOrigin } from './build/app-config';
import { BuildError } from './build/build-error';
import { buildSettings, type CardConfig } from './build/build-settings';
import { type BundledFunction, bundleFunction } from './build/bundle-function';
import { type CopiedComponent, copyComponents } from './build/copy-components';
import { readJson, writeJson } from './build/files';

/**
 * `npm run build`: the upload-ready HubSpot project (platform 2026.03, design §6) in dist/hubspot-project/,
 * from app.json, extensions/ and the bundled app function. Then, from that folder: `hs project upload`.
 */
const ROOT = path.resolve(__dirname, '..');
export const PLATFORM_VERSION = '2026.03';

export interface BuildOptions {
  /** default dist/hubspot-project; emptied first */
  readonly outDir?: string;
  /** CARD_TRANSPORT, BACKEND_URL, LOCAL_BACKEND_URL; default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** default extensions/ */
  readonly extensionsDir?: string;
}

export interface BuildResult {
  readonly outDir: string;
  readonly projectName: string;
  readonly app: { readonly uid: string; readonly requiredScopes: readonly string[]; readonly permittedFetch: readonly string[] };
  readonly card: CardConfig;
  /** the card(s), the settings page and the app's pages, from extensions/ */
  readonly components: readonly CopiedComponent[];
  readonly functions: readonly BundledFunction[];
  /** app/local.json, for `hs project dev` only */
  readonly localDev: string | null;
  readonly warnings: readonly string[];
}

export async function buildProject(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'dist', 'hubspot-project'));
  refuseToEmpty(outDir);
  const app = readAppJson(path.join(ROOT, 'app.json'));
  const settings = buildSettings(options.env ?? process.env, app);

  rmSync(outDir, { recursive: true, force: true });
  const srcDir = path.join(outDir, 'src');
  mkdirSync(srcDir, { recursive: true });
  const projectName = String((readJson(path.join(ROOT, 'package.json'), 'package.json') as { name?: unknown }).name ?? 'refund-card');
  writeJson(path.join(outDir, 'hsproject.json'), { name: projectName, srcDir: 'src', platformVersion: PLATFORM_VERSION });
  const appMeta = withBackendOrigin(app, settings.backendOrigin);
  writeJson(path.join(srcDir, 'app', 'app-hsmeta.json'), appMeta);
  let localDev: string | null = null;
  if (settings.localBackendUrl) {
    localDev = path.join('src', 'app', 'local.json');
    writeJson(path.join(outDir, localDev), { proxy: { [settings.backendOrigin]: settings.localBackendUrl } });
  }
  const components = copyComponents(options.extensionsDir ?? path.join(ROOT, 'extensions'), srcDir, settings.card, settings.page);
  const bundled = await bundleFunction(ROOT, srcDir);
  return {
    outDir,
    projectName,
    app: { uid: appMeta.uid, requiredScopes: appMeta.config.auth.requiredScopes, permittedFetch: appMeta.config.permittedUrls.fetch },
    card: settings.card,
    components,
    functions: [bundled],
    localDev,
    warnings: [...settings.warnings, ...(components.length === 0 ? ['No component found in extensions/ (no *-hsmeta.json): the project has the app and its function only.'] : [])],
  };
}

/** The output folder is deleted first: never the repository, a parent of it, or a folder of sources. */
function refuseToEmpty(outDir: string): void {
  const inside = (child: string, parent: string) => !path.relative(parent, child).startsWith('..') && !path.isAbsolute(path.relative(parent, child));
  const sources = ['src', 'extensions', 'scripts', 'test'].map((name) => path.join(ROOT, name));
  if (inside(ROOT, outDir) || sources.some((source) => inside(outDir, source))) {
    throw new BuildError(`Refusing to empty ${outDir}: choose an output folder outside the sources, such as dist/hubspot-project.`);
  }
}

function report(result: BuildResult): string {
  const files = listFiles(result.outDir).map(({ file, bytes }) => `    ${file}  (${formatBytes(bytes)})`);
  const lines = [
    `HubSpot project "${result.projectName}" (platform ${PLATFORM_VERSION}) built in ${path.relative(process.cwd(), result.outDir) || '.'}:`,
    ...files,
    '',
    `  app        ${result.app.uid}: scopes ${result.app.requiredScopes.join(', ')}`,
    `             permitted fetch: ${result.app.permittedFetch.join(', ') || '(none)'}`,
    ...result.components.map((component) => `  ${component.type.padEnd(10)} ${component.uid}: ${component.entrypoint}, ${component.config}`),
    `  card mode  ${result.card.transport}${result.card.transport === 'fetch' ? ` → ${result.card.backendUrl}` : ` → app function ${result.card.functionName}`}`,
    ...(result.components.some((component) => component.type !== 'card') ? [`  pages      fetch → ${result.card.backendUrl}`] : []),
    ...result.functions.map(
      (fn) => `  function   ${fn.uid}: ${fn.entrypoint} (${formatBytes(fn.bytes)}, ${fn.packages.length} npm packages inlined)\n             secrets: ${fn.secretKeys.join(', ')}`,
    ),
    ...(result.localDev ? [`  local dev  ${result.localDev}`] : []),
    ...result.warnings.map((warning) => `\n  warning: ${warning}`),
    '',
    `Next: cd ${path.relative(process.cwd(), result.outDir) || '.'} && hs project upload --use-env   (README: "The HubSpot project")`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Every file, except that a component's folder is one line: its sources are its engineer's to list. */
function listFiles(dir: string, base = dir): { file: string; bytes: number }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (!statSync(full).isDirectory()) return [{ file: path.relative(base, full), bytes: statSync(full).size }];
      const inside = listFiles(full, base);
      if (!COMPONENT_FOLDERS.includes(path.relative(base, dir))) return inside;
      return [{ file: `${path.relative(base, full)}/ (${inside.length} files)`, bytes: inside.reduce((sum, file) => sum + file.bytes, 0) }];
    });
}

const COMPONENT_FOLDERS = ['cards', 'settings', 'pages'].map((dir) => path.join('src', 'app', dir));

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

if (require.main === module) {
  buildProject().then(
    (result) => process.stdout.write(report(result)),
    (error: unknown) => {
      process.stderr.write(error instanceof BuildError ? `Build failed: ${error.message}\n` : `Build failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
