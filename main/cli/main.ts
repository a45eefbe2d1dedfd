import { runCli } from './index';

declare const VIGIL_VERSION: string;

// Entry point of the bundled `vigil` command.
runCli(process.argv, typeof VIGIL_VERSION === 'string' ? VIGIL_VERSION : '0.0.0').then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`vigil: ${String(err)}\n`);
    process.exitCode = 2;
  },
);
