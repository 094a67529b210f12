// The commands of the CLI, each: its options, how it reads them, what it prints.
import { basename, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import type { Database } from '../db.ts';
import { agingQuery, kpisQuery, periodQuery, seriesQuery } from '../contracts/reports.ts';
import { loadFiles, summariseRejections } from '../loading.ts';
import * as reports from '../queries/reports.ts';
import { formatReport } from './format.ts';
import { parseFlags } from './flags.ts';
import { UsageError } from './errors.ts';
import { driftQuery, worklistQuery } from '../contracts/risk.ts';
import { drift } from '../queries/drift.ts';
import { worklist } from '../queries/worklist.ts';
import { usersCommand } from './users.ts';
import { exportCommand } from './export.ts';
import { forecastQuery } from '../contracts/forecast.ts';
import { forecast } from '../queries/forecast.ts';

type Values = Record<string, string | boolean | string[] | undefined>;
export interface CommandOutput {
  json: unknown;
  text: string;
  exitCode?: number;
}
/**
 * What the command needs of --db: `creates` makes the file when it is missing (only ingest does);
 * `existing` wants the file; `data` (the default, every report) wants loaded invoices in it.
 */
export type DatabaseNeed = 'creates' | 'existing' | 'data';

export interface Command {
  usage: string;
  database?: DatabaseNeed;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals: boolean;
  run(db: Database, values: Values, positionals: string[]): Promise<CommandOutput>;
}

const report = (json: object): CommandOutput => ({ json, text: formatReport(json) });

/**
 * A report: the flags its usage names (`--as-of DATE` is the parameter as_of, all text), checked by
 * the API's schema of the report's query, then the same read as the route's.
 */
function reportCommand<Query extends z.ZodType>(
  usage: string,
  query: Query,
  read: (db: Database, query: z.output<Query>) => Promise<object>
): Command {
  const flags = [...usage.matchAll(/--([a-z-]+)/g)].map(([, flag]) => flag);
  return {
    usage,
    options: Object.fromEntries(flags.map((flag) => [flag, { type: 'string' }])),
    positionals: false,
    run: async (db, values) =>
      report(await read(db, parseFlags(query, Object.fromEntries(flags.map((flag) => [flag.replace(/-/g, '_'), values[flag]])))))
  };
}

export const commands = {
  ingest: {
    usage: 'FILE... [--as TABLE] [--replace] [--date-format ISO|MDY|DMY|YMD_NUMBER]',
    database: 'creates',
    options: { as: { type: 'string' }, replace: { type: 'boolean' }, 'date-format': { type: 'string' } },
    positionals: true,
    async run(db, values, positionals) {
      if (positionals.length === 0) throw new UsageError('ingest needs at least one FILE');
      const files = positionals.map((path) => ({ path: resolve(path), name: basename(path) }));
      const result = await loadFiles(db, files, {
        as: values.as as string | undefined,
        replace: Boolean(values.replace),
        dateFormat: values['date-format'] as string | undefined
      });
      const json = { loaded: result.loaded, rejected: result.rejected };
      if (result.rejected.length > 0) {
        process.stderr.write(`error: ${summariseRejections(result.rejected)}\n`);
        return {
          json,
          text: result.rejected.map((r) => `${r.file}\t${r.row ?? ''}\t${r.column ?? ''}\t${r.reason}`).join('\n'),
          exitCode: 1
        };
      }
      if (result.removedDemo) process.stderr.write('removed the generated demo ledger: the database now holds your data only\n');
      return {
        json,
        text: Object.entries(result.loaded)
          .map(([table, rows]) => `loaded ${rows} rows into ${table}`)
          .join('\n')
      };
    }
  },
  kpis: reportCommand('[--as-of DATE] [--window DAYS] [--collector NAME] [--currency CODE]', kpisQuery, reports.kpis),
  period: reportCommand('[--from DATE --to DATE] [--collector NAME] [--currency CODE]', periodQuery, reports.period),
  aging: reportCommand('[--as-of DATE] [--collector NAME] [--currency CODE]', agingQuery, reports.aging),
  series: reportCommand(
    '--from DATE --to DATE --grain week|month [--window DAYS] [--collector NAME] [--currency CODE]',
    seriesQuery,
    reports.series
  ),
  drift: reportCommand('[--as-of DATE] [--limit N]', driftQuery, drift),
  export: {
    usage: '--to DIR',
    options: { to: { type: 'string' } },
    positionals: false,
    run: (db, values) => exportCommand(db, values.to)
  },
  worklist: reportCommand('[--as-of DATE] [--collector NAME] [--limit N] [--currency CODE]', worklistQuery, worklist),
  users: { ...usersCommand, database: 'existing' },
  forecast: reportCommand('[--as-of DATE] [--weeks N] [--currency CODE]', forecastQuery, forecast),
  digest: {
    usage: "[--week DATE] [--to ADDRESS]...  (sends the week's review through RADAR_SMTP_URL)",
    options: { week: { type: 'string' }, to: { type: 'string', multiple: true } },
    positionals: false,
    // loaded when used: nodemailer and the ECharts renderer would slow every other command's start
    run: async (db, values) => (await import('./digest.ts')).digestCommand(db, values.week, values.to)
  }
} satisfies Record<string, Command>;
