// `cli users add|list|disable|enable|reset-password`: accounts from the terminal, with the server
// stopped (it holds the database). A password is never taken as an argument (it would stay in the
// shell's history): it is read from standard input with --password-stdin, or generated and printed once.
import type { Database } from '../db.ts';
import { generatePassword } from '../auth/passwords.ts';
import { AuthStore } from '../auth/store.ts';
import { UserAdmin, UserChangeRefused, type UserSummary } from '../auth/user-admin.ts';
import { newUser, role as roleSchema } from '../contracts/auth.ts';
import { BadInput, UsageError } from './errors.ts';
import { parseFlags } from './flags.ts';
import type { Command, CommandOutput } from './commands.ts';

const SUBCOMMANDS = ['list', 'add', 'disable', 'enable', 'reset-password'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // one trailing newline is the end of the line typed or echoed into the pipe, not the password
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function table(users: UserSummary[]): string {
  if (users.length === 0) return 'no users';
  const rows = [
    ['username', 'role', 'collector', 'status', 'created'],
    ...users.map((u) => [u.username, u.role, u.collector ?? '—', u.disabled ? 'disabled' : 'active', u.created_at])
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

async function chosenPassword(values: Record<string, unknown>): Promise<string | undefined> {
  if (!values['password-stdin']) return undefined;
  const password = await readStdin();
  if (password.length === 0) throw new BadInput('--password-stdin: standard input is empty');
  return password;
}

async function run(db: Database, values: Record<string, unknown>, positionals: string[]): Promise<CommandOutput> {
  const [sub, username, ...extra] = positionals;
  if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) throw new UsageError(`users needs one of ${SUBCOMMANDS.join(', ')}`);
  if (sub !== 'list' && !username) throw new UsageError(`users ${sub} needs a USERNAME`);
  if (extra.length > 0) throw new UsageError(`users ${sub}: unexpected ${extra.join(' ')}`);
  const connection = await db.connect();
  const store = new AuthStore(connection);
  const admin = new UserAdmin(store, db, () => undefined);
  try {
    await store.ensureTables();
    if (sub === 'list') {
      const users = await admin.list();
      return { json: { users }, text: table(users) };
    }
    if (sub === 'add') {
      const given = await chosenPassword(values);
      const password = given ?? generatePassword();
      const user = parseFlags(newUser, { username, password, role: values.role, collector: values.collector });
      const created = await admin.create(user);
      const shown = given ? '' : `\npassword: ${password}  (shown once)`;
      return {
        json: { ...created, ...(given ? {} : { password }) },
        text: `added ${created.username} (${created.role}${created.collector ? `, collector ${created.collector}` : ''})${shown}`
      };
    }
    if (sub === 'disable' || sub === 'enable') {
      const changed = await admin.update(username, { disabled: sub === 'disable' });
      return {
        json: changed,
        text: `${changed.username} is ${changed.disabled ? 'disabled: they can no longer sign in' : 'active again'}`
      };
    }
    const done = await admin.resetPassword(username, await chosenPassword(values));
    return {
      json: { username: done.username, generated: done.generated, ...(done.generated ? { password: done.password } : {}) },
      text: done.generated ? `new password for ${done.username}: ${done.password}  (shown once)` : `password of ${done.username} changed`
    };
  } catch (error) {
    if (error instanceof UserChangeRefused) throw new BadInput(error.message);
    throw error;
  } finally {
    // an open connection keeps the database from checkpointing on close
    connection.closeSync();
  }
}

export const usersCommand: Command = {
  usage: `list | add USERNAME --role ${roleSchema.options.join('|')} [--collector NAME] [--password-stdin] | disable USERNAME | enable USERNAME | reset-password USERNAME [--password-stdin]`,
  options: { role: { type: 'string' }, collector: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  positionals: true,
  run
};
