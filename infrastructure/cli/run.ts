import { CliError } from '../../adapters/cli/cli-error';
import { main } from './main';

// The `doorbell` command: expected failures are one clear line and exit code; anything else is a bug, with its stack.
main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`doorbell: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`doorbell: ${error.message}. See: doorbell --help\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`doorbell: unexpected failure\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  }
});
