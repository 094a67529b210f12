// Runs one CLI invocation: parse arguments, open the database as the command needs, run it, print
// its JSON or text, and set the exit status (0 success, 1 bad input, 2 usage error).
// Never process.exit(): the status is set and the process ends once its output has drained, so a
// program reading a pipe slowly still gets a 10 MB document whole.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Command } from './commands.ts';
import { BadInput, UsageError } from './errors.ts';
import { openDatabaseForCli } from './open.ts';
import { dbPathFromEnv } from '../db.ts';
import { describeIssues } from '../validate.ts';
import { missingRateReason } from '../fx-errors.ts';
import { outOfMemoryReason } from '../memory-errors.ts';

export function usage(commands: Record<string, Command>): string {
  return `usage: npm run --silent cli -- COMMAND [options]

commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(9)} ${command.usage}`)
  .join('\n')}

every command takes --db PATH (default: ${dbPathFromEnv()}); reports take --json`;
}

async function main(argv: string[], commands: Record<string, Command>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await write(process.stderr, usage(commands) + '\n');
    return name ? 0 : 2;
  }
  const command: Command | undefined = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new UsageError(`unknown command '${name}'`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, db: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: command.positionals
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const db = await openDatabaseForCli(parsed.values.db ?? dbPathFromEnv(), command.database ?? 'data');
  try {
    const output = await command.run(db, parsed.values as Record<string, string | boolean | string[] | undefined>, parsed.positionals);
    await write(process.stdout, (parsed.values.json ? JSON.stringify(output.json) : output.text) + '\n');
    return output.exitCode ?? 0;
  } finally {
    db.close();
  }
}

/**
 * Resolves once the stream has handed every byte to the operating system. Node writes a pipe
 * asynchronously: exiting before this cuts a big document at the pipe's buffer (64 KB).
 */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error && !readerLeft(error) ? reject(error) : resolve())));
}

/**
 * The program reading the pipe closed it (`| head`): what it did not read, it did not want. The
 * command ends as it would have, quietly, as Unix tools do, rather than with Node's stack trace of an
 * unhandled EPIPE on standard output.
 */
const readerLeft = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';

function endQuietlyWhenTheReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (error) => {
    if (!readerLeft(error)) throw error;
  });
}

function describe(error: unknown, commands: Record<string, Command>): { text: string; code: number } {
  if (error instanceof UsageError) return { text: `error: ${error.message}\n${usage(commands)}\n`, code: 2 };
  if (error instanceof BadInput) return { text: `error: ${error.message}\n`, code: 1 };
  if (error instanceof z.ZodError) return { text: `error: ${describeIssues(error)}\n`, code: 1 };
  const missingRate = missingRateReason(error);
  if (missingRate) return { text: `error: ${missingRate}\n`, code: 1 };
  const outOfMemory = outOfMemoryReason(error);
  if (outOfMemory) return { text: `error: ${outOfMemory}\n`, code: 1 };
  return { text: `error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`, code: 1 };
}

export async function runCli(argv: string[], commands: Record<string, Command>): Promise<void> {
  endQuietlyWhenTheReaderLeaves(process.stdout);
  endQuietlyWhenTheReaderLeaves(process.stderr);
  try {
    process.exitCode = await main(argv, commands);
  } catch (error) {
    const { text, code } = describe(error, commands);
    process.exitCode = code;
    await write(process.stderr, text).catch(() => undefined);
  }
}
