import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from './build-error';

export function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function readJson(file: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new BuildError(`${label} (${file}) cannot be read.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BuildError(`${label} (${file}) is not valid JSON: ${(error as Error).message}`);
  }
}
