// The CLI of interface.md: parse arguments, call the same functions as the routes, print JSON.
// Exit status: 0 success, 1 bad input (reason on stderr), 2 usage error. cli/run.ts runs it.
import { commands } from './cli/commands.ts';
import { runCli } from './cli/run.ts';

await runCli(process.argv.slice(2), commands);
