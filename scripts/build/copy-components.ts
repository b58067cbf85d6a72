import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { BuildError, zodProblems } from './build-error';
import type { CardConfig } from './build-settings';
import { readJson, writeJson } from './files';

const CARDS_PREFIX = '/app/cards/';
const HSMETA = /-hsmeta\.json$/;
const SHARED = 'shared';

/** What HubSpot needs from a card's metadata to find its files; the rest is checked by HubSpot on upload. */
const cardMetaSchema = z.object({
  uid: z.string().min(1),
  type: z.literal('card', { error: 'must be "card": only cards live in extensions/' }),
  config: z
    .object({
      entrypoint: z.string().startsWith(CARDS_PREFIX, `must start with ${CARDS_PREFIX} (extensions/ becomes app/cards/)`),
      previewImage: z.object({ file: z.string().startsWith(CARDS_PREFIX).optional() }).loose().optional(),
    })
    .loose(),
});

export interface CopiedCard {
  readonly uid: string;
  /** relative to the project's src/ */
  readonly meta: string;
  readonly entrypoint: string;
  readonly cardConfig: string;
}

/**
 * extensions/ is app/cards/ (paths in a card's metadata are written as /app/cards/…): every *-hsmeta.json is
 * hoisted to app/cards/ (HubSpot skips nested ones), the folders and files it references are copied, the
 * cards' package.json (and tsconfig.json) come along, and card-config.json is written next to each card's
 * entrypoint.
 */
export function copyCards(extensionsDir: string, srcDir: string, card: CardConfig): CopiedCard[] {
  const metaFiles = existsSync(extensionsDir) ? findMetaFiles(extensionsDir) : [];
  const cardsDir = path.join(srcDir, 'app', 'cards');
  const copied = new Set<string>();
  const cards: CopiedCard[] = [];
  const seen = new Map<string, string>();
  for (const file of metaFiles) {
    const name = path.basename(file);
    const other = seen.get(name);
    if (other) throw new BuildError(`Two cards are named ${name} (${other} and ${file}): HubSpot needs every *-hsmeta.json directly in app/cards/.`);
    seen.set(name, file);
    const parsed = cardMetaSchema.safeParse(readJson(file, 'Card metadata'));
    if (!parsed.success) throw zodProblems(`Card metadata ${path.relative(extensionsDir, file)}`, parsed.error);
    const meta = parsed.data;
    const references = [meta.config.entrypoint, meta.config.previewImage?.file].filter((ref): ref is string => ref !== undefined);
    for (const reference of references) {
      copyReference(extensionsDir, cardsDir, reference, file, copied);
      if (!existsSync(path.join(srcDir, reference))) throw new BuildError(`${reference} was left out of the copy (a test or hidden file?): rename it.`);
    }
    cpSync(file, path.join(cardsDir, name));
    const cardConfig = path.join(path.dirname(path.join(srcDir, meta.config.entrypoint)), 'card-config.json');
    writeJson(cardConfig, card);
    cards.push({ uid: meta.uid, meta: `app/cards/${name}`, entrypoint: meta.config.entrypoint, cardConfig: path.relative(srcDir, cardConfig) });
  }
  if (cards.length > 0) {
    const packageJson = path.join(extensionsDir, 'package.json');
    if (!existsSync(packageJson)) throw new BuildError(`${packageJson} is missing: HubSpot installs the cards' dependencies from app/cards/package.json.`);
    cpSync(packageJson, path.join(cardsDir, 'package.json'));
    // Optional, as in HubSpot's 2026.03 card template (app/cards/tsconfig.json).
    const tsconfig = path.join(extensionsDir, 'tsconfig.json');
    if (existsSync(tsconfig)) cpSync(tsconfig, path.join(cardsDir, 'tsconfig.json'));
    // HubSpot builds app/cards/ on its own: the modules the card shares with the pages travel with it (`../shared/…`).
    const shared = path.join(extensionsDir, SHARED);
    if (existsSync(shared)) cpSync(shared, path.join(cardsDir, SHARED), { recursive: true, filter: (from) => keep(path.basename(from)) });
  }
  return cards;
}

/** Copies the top-level file or folder of extensions/ that holds a referenced path, once. */
function copyReference(extensionsDir: string, cardsDir: string, reference: string, metaFile: string, copied: Set<string>): void {
  const relative = reference.slice(CARDS_PREFIX.length);
  const source = path.join(extensionsDir, relative);
  if (!relative || path.relative(extensionsDir, source).startsWith('..') || !existsSync(source)) {
    throw new BuildError(`${path.relative(extensionsDir, metaFile)} refers to ${reference}, but extensions/${relative} does not exist.`);
  }
  const top = relative.split('/')[0]!;
  if (copied.has(top)) return;
  copied.add(top);
  cpSync(path.join(extensionsDir, top), path.join(cardsDir, top), { recursive: true, filter: (from) => keep(path.basename(from)) });
}

/** Not shipped to HubSpot: installed or hidden files, nested metadata (hoisted instead), and the card's tests. */
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
