// The CLI of interface.md: parse arguments, call the same functions as the routes, print JSON.
// Exit status: 0 success, 1 bad input (reason on stderr), 2 usage error.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { commands, type Command } from './cli/commands.ts';
import { BadInput, UsageError } from './cli/errors.ts';
import { openDatabaseForCli } from './cli/open.ts';
import { dbPathFromEnv } from './db.ts';
import { describeIssues } from './validate.ts';

const USAGE = `usage: npm run --silent cli -- COMMAND [options]

commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(9)} ${command.usage}`)
  .join('\n')}

every command takes --db PATH (default: ${dbPathFromEnv()}); reports take --json`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stderr.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands[name as keyof typeof commands];
  if (!command) throw new UsageError(`unknown command '${name}'`);

  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, db: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: command.positionals });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const db = await openDatabaseForCli(parsed.values.db ?? dbPathFromEnv());
  try {
    const output = await command.run(db, parsed.values as Record<string, string | boolean | string[] | undefined>, parsed.positionals);
    if (parsed.values.json) process.stdout.write(JSON.stringify(output.json) + '\n');
    else process.stdout.write(output.text + '\n');
    return output.exitCode ?? 0;
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof BadInput) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof z.ZodError) {
      process.stderr.write(`error: ${describeIssues(error)}\n`);
      process.exit(1);
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exit(1);
  }
);
