import { CommanderError } from 'commander';
import packageJson from '../../package.json';
import { EXIT } from './exit-codes';
import { cliProgram, report } from './program';

let exitCode: number = EXIT.ok;
const program = cliProgram(packageJson.version, (code) => (exitCode = code));
program.parseAsync(process.argv).then(
  () => process.exit(exitCode),
  (error: unknown) => process.exit(error instanceof CommanderError ? report(error, {}) : report(error, program.opts())),
);
