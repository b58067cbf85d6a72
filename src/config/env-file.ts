import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * The environment with a `.env` file's variables underneath (design §7: the environment wins). A missing
 * file is no problem; an unreadable one is reported by name.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, path = '.env'): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw new Error(`${path} cannot be read: ${(error as Error).message}`);
  }
  return { ...parseEnv(text), ...env };
}
