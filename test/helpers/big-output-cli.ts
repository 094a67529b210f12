// The CLI's own runner (server/cli/run.ts) with its real commands plus one that prints a document
// of --mb megabytes: what the slow-pipe test reads, through exactly the path every report takes.
import type { Command } from '../../server/cli/commands.ts';
import { commands } from '../../server/cli/commands.ts';
import { runCli } from '../../server/cli/run.ts';

const big: Command = {
  usage: '--mb N',
  database: 'creates',
  options: { mb: { type: 'string' } },
  positionals: false,
  async run(_db, values) {
    const rows = Math.ceil((Number(values.mb) * 1024 * 1024) / 100);
    // each row is over 100 bytes of JSON; the last one says how many there are
    const json = { rows: Array.from({ length: rows }, (_, i) => ({ i, text: `row ${i} `.padEnd(80, '.') })) };
    return { json, text: `${rows} rows` };
  }
};

await runCli(process.argv.slice(2), { ...commands, big });
