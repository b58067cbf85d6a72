import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { BuildError, zodProblems } from './build-error';
import type { CardConfig, PageConfig } from './build-settings';
import { readJson, writeJson } from './files';

const HSMETA = /-hsmeta\.json$/;
/** Modules the components share (extensions/shared/): each component folder gets its own copy, imported as `../shared/…`. */
const SHARED = 'shared';

/**
 * HubSpot 2026.03 component types and the folder each must sit in (@hubspot/project-parsing-lib 0.23.0,
 * lib/constants.js): `page` and `pages` are one type, and an app has at most one settings page and one page
 * component.
 */
const COMPONENTS = {
  card: { dir: 'cards', singular: false },
  settings: { dir: 'settings', singular: true },
  page: { dir: 'pages', singular: true },
  pages: { dir: 'pages', singular: true },
} as const;
type ComponentType = keyof typeof COMPONENTS;
type ComponentDir = (typeof COMPONENTS)[ComponentType]['dir'];

/** What HubSpot needs from a component's metadata to find its files; the rest is checked by HubSpot on upload. */
const componentMetaSchema = z
  .object({
    uid: z.string().min(1),
    type: z.enum(Object.keys(COMPONENTS) as [ComponentType, ...ComponentType[]], { error: 'must be "card", "settings" or "page": only those live in extensions/' }),
    config: z
      .object({
        entrypoint: z.string().startsWith('/app/', 'must start with /app/'),
        previewImage: z.object({ file: z.string().optional() }).loose().optional(),
      })
      .loose(),
  })
  .superRefine((meta, context) => {
    const prefix = `/app/${COMPONENTS[meta.type].dir}/`;
    const references = [['entrypoint', meta.config.entrypoint], ['previewImage', meta.config.previewImage?.file]] as const;
    for (const [field, reference] of references) {
      if (reference !== undefined && !reference.startsWith(prefix)) {
        context.addIssue({ code: 'custom', path: ['config', field], message: `must start with ${prefix}: HubSpot wants a ${meta.type} component in app/${COMPONENTS[meta.type].dir}/` });
      }
    }
  });

export interface CopiedComponent {
  readonly uid: string;
  readonly type: 'card' | 'settings' | 'page';
  /** relative to the project's src/ */
  readonly meta: string;
  readonly entrypoint: string;
  /** how the component reaches the backend: card-config.json for a card, backend-config.json for a page */
  readonly config: string;
}

/**
 * extensions/ holds every UI component; its metadata names where each goes (/app/cards/…, /app/settings/…,
 * /app/pages/…). Every *-hsmeta.json is hoisted into its component folder (HubSpot skips nested ones), the
 * top-level folders and files it references are copied into that folder, and each component folder that
 * gets a component also gets extensions/package.json, tsconfig.json and shared/, because HubSpot installs
 * and builds each folder on its own. The backend settings are written next to each entrypoint: the card's
 * card-config.json (transport and backend), a page's backend-config.json (backend, and the app domain its record
 * links use; pages only use hubspot.fetch).
 */
export function copyComponents(extensionsDir: string, srcDir: string, card: CardConfig, page: PageConfig): CopiedComponent[] {
  const metaFiles = existsSync(extensionsDir) ? findMetaFiles(extensionsDir) : [];
  const copied = new Set<string>();
  const components: CopiedComponent[] = [];
  const seen = new Map<string, string>();
  for (const file of metaFiles) {
    const parsed = componentMetaSchema.safeParse(readJson(file, 'Component metadata'));
    if (!parsed.success) throw zodProblems(`Component metadata ${path.relative(extensionsDir, file)}`, parsed.error);
    const meta = parsed.data;
    const { dir, singular } = COMPONENTS[meta.type];
    const destination = `app/${dir}/${path.basename(file)}`;
    const other = seen.get(singular ? dir : destination);
    if (other) {
      throw new BuildError(
        singular
          ? `${path.relative(extensionsDir, file)} and ${other} are both a ${meta.type} component: HubSpot allows one per app.`
          : `Two components are named ${path.basename(file)} (${other} and ${path.relative(extensionsDir, file)}): HubSpot needs every *-hsmeta.json directly in app/${dir}/.`,
      );
    }
    seen.set(singular ? dir : destination, path.relative(extensionsDir, file));
    const references = [meta.config.entrypoint, meta.config.previewImage?.file].filter((ref): ref is string => ref !== undefined);
    for (const reference of references) {
      copyReference(extensionsDir, srcDir, dir, reference, file, copied);
      if (!existsSync(path.join(srcDir, reference))) throw new BuildError(`${reference} was left out of the copy (a test or hidden file?): rename it.`);
    }
    cpSync(file, path.join(srcDir, destination));
    const type = meta.type === 'pages' ? 'page' : meta.type;
    const configFile = path.join(path.dirname(path.join(srcDir, meta.config.entrypoint)), type === 'card' ? 'card-config.json' : 'backend-config.json');
    writeJson(configFile, type === 'card' ? card : page);
    components.push({ uid: meta.uid, type, meta: destination, entrypoint: meta.config.entrypoint, config: path.relative(srcDir, configFile) });
  }
  for (const dir of new Set(components.map((component) => COMPONENTS[component.type].dir))) copyFolderFiles(extensionsDir, path.join(srcDir, 'app', dir), dir);
  return components;
}

/** package.json (required: HubSpot installs the folder's dependencies from it), tsconfig.json and shared/. */
function copyFolderFiles(extensionsDir: string, componentDir: string, dir: ComponentDir): void {
  const packageJson = path.join(extensionsDir, 'package.json');
  if (!existsSync(packageJson)) throw new BuildError(`${packageJson} is missing: HubSpot installs the dependencies of app/${dir}/ from its package.json.`);
  cpSync(packageJson, path.join(componentDir, 'package.json'));
  // Optional, as in HubSpot's 2026.03 component templates (app/cards/tsconfig.json, app/settings/tsconfig.json…).
  const tsconfig = path.join(extensionsDir, 'tsconfig.json');
  if (existsSync(tsconfig)) cpSync(tsconfig, path.join(componentDir, 'tsconfig.json'));
  const shared = path.join(extensionsDir, SHARED);
  if (existsSync(shared)) cpSync(shared, path.join(componentDir, SHARED), { recursive: true, filter: (from) => keep(path.basename(from)) });
}

/** Copies the top-level file or folder of extensions/ that holds a referenced path into the component's folder, once. */
function copyReference(extensionsDir: string, srcDir: string, dir: ComponentDir, reference: string, metaFile: string, copied: Set<string>): void {
  const relative = reference.slice(`/app/${dir}/`.length);
  const source = path.join(extensionsDir, relative);
  if (!relative || path.relative(extensionsDir, source).startsWith('..') || !existsSync(source)) {
    throw new BuildError(`${path.relative(extensionsDir, metaFile)} refers to ${reference}, but extensions/${relative} does not exist.`);
  }
  const top = relative.split('/')[0]!;
  if (top === SHARED) throw new BuildError(`${path.relative(extensionsDir, metaFile)} refers to ${reference}: extensions/${SHARED}/ holds shared modules, not a component.`);
  if (copied.has(`${dir}/${top}`)) return;
  copied.add(`${dir}/${top}`);
  cpSync(path.join(extensionsDir, top), path.join(srcDir, 'app', dir, top), { recursive: true, filter: (from) => keep(path.basename(from)) });
}

/** Not shipped to HubSpot: installed or hidden files, nested metadata (hoisted instead), and tests. */
function keep(name: string): boolean {
  return name !== 'node_modules' && !name.startsWith('.') && !HSMETA.test(name) && name !== '__tests__' && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(name);
}

function findMetaFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findMetaFiles(full));
    else if (HSMETA.test(name)) found.push(full);
  }
  return found;
}
