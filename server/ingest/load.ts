// ingestFiles: prepare every file, then load them all in one transaction. The fast attempt inserts
// straight from the file and aborts on the first bad row (it puts a null into the table's first,
// NOT NULL column); only then does a second, diagnosing attempt list every bad row. Either way, any
// rejection rolls the whole call back.
import { rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, queryRows } from '../db.ts';
import { prepareFile, firstLine, type PreparedFile } from './prepare.ts';
import { createValueMacros } from './value-sql.ts';
import { numberedSql, sourceSql, stageCsv, type BadLines } from './source-sql.ts';
import { numberedCopy } from './numbered-copy.ts';
import { parsedSql } from './parsed-sql.ts';
import { targetsFor, type Target } from './targets.ts';
import { RejectionList, REJECTION_CAP } from './rejection-list.ts';
import { badRowRejections } from './bad-rows.ts';
import { duplicateIds, malformedLines, unknownInvoices, type LoadRecord } from './set-checks.ts';
import { duplicateRates, mixedBases } from './rate-checks.ts';
import { readFailure } from './read-failure.ts';
import { noteLeavingRows } from '../refresh/touched.ts';
import {
  CANONICAL_TABLES,
  IngestError,
  ingestOptionsSchema,
  type IngestOptions,
  type IngestResult,
  type Rejection,
  type SourceFile
} from './types.ts';

type Mode = 'fast' | 'diagnose';
let callSerial = 0;

class RolledBack extends Error {}

export function parseOptions(options: IngestOptions = {}): IngestOptions {
  const parsed = ingestOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new IngestError(`invalid ingest options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Load files into the canonical tables, all or nothing. Data problems are returned in `rejected`
 * (then `loaded` is {} and nothing of the call stays); only invalid options throw IngestError.
 * Models are not refreshed here: the caller does that after a successful load.
 */
export interface IngestHooks {
  /** Runs first inside the load's transaction: what it changes stays only if the load does. */
  beforeLoad?: (connection: DuckDBConnection) => Promise<void>;
  /** Runs last inside the load's transaction, with the new loads' ids. */
  afterLoad?: (connection: DuckDBConnection, loadIds: number[]) => Promise<void>;
}

export async function ingestFiles(
  connection: DuckDBConnection,
  files: SourceFile[],
  options: IngestOptions = {},
  hooks: IngestHooks = {}
): Promise<IngestResult> {
  const opts = parseOptions(options);
  // Lineage keeps the name a person knows the file by, never a directory (nor a browser's C:\fakepath\).
  files = files.map((file) => ({ path: file.path, name: file.name.split(/[\\/]/).pop() || file.name }));
  await createValueMacros(connection);
  const serial = ++callSerial;
  const names = files.map((f) => f.name);
  const fileProblems: Rejection[] = [];
  const prepared: PreparedFile[] = [];
  const temporary: string[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const preparation = await prepareFile(connection, file, opts, index);
      fileProblems.push(...preparation.rejections);
      if (preparation.prepared) prepared.push(preparation.prepared);
      if (preparation.temporaryDir) temporary.push(preparation.temporaryDir);
    }
    if (fileProblems.length === 0) {
      try {
        return await attempt(connection, prepared, opts, 'fast', new RejectionList(names), serial, hooks);
      } catch {
        // A bad row aborted the fast attempt (NOT NULL violation), or the reader failed mid-file: the
        // diagnosing attempt finds and words every problem, file by file.
      }
    }
    const list = new RejectionList(names);
    list.add(fileProblems);
    return await attempt(connection, prepared, opts, 'diagnose', list, serial, hooks);
  } finally {
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  }
}

async function attempt(
  connection: DuckDBConnection,
  files: PreparedFile[],
  options: IngestOptions,
  mode: Mode,
  list: RejectionList,
  serial: number,
  hooks: IngestHooks
): Promise<IngestResult> {
  let result: IngestResult = { loaded: {}, rejected: [], loadIds: [] };
  try {
    await inTransaction(connection, async () => {
      await hooks.beforeLoad?.(connection);
      const replaced = options.replace ? await deleteReplaced(connection, files) : new Set<string>();
      const records: LoadRecord[] = [];
      for (const file of files) {
        try {
          records.push(...(await loadFile(connection, file, mode, list, serial, replaced)));
        } catch (error) {
          if (mode === 'fast') throw error;
          // The transaction is aborted now: report the file and stop here.
          list.add([
            file.source.format === 'csv'
              ? await readFailure(file.file, file.source.path, error)
              : { file: file.file.name, row: null, column: null, reason: `cannot load the file: ${firstLine(error)}` }
          ]);
          throw new RolledBack();
        }
      }
      for (const table of CANONICAL_TABLES) {
        const found = await duplicateIds(connection, table, records, REJECTION_CAP + 1);
        list.add(found.rejections, found.total);
      }
      const unknown = await unknownInvoices(connection, records, REJECTION_CAP + 1);
      list.add(unknown.rejections, unknown.total);
      for (const found of [await duplicateRates(connection, records, REJECTION_CAP + 1), await mixedBases(connection, records)]) {
        list.add(found.rejections, found.total);
      }
      if (list.count) throw new RolledBack();
      result = summarise(records);
      await hooks.afterLoad?.(connection, result.loadIds);
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return { loaded: {}, rejected: list.list(), loadIds: [] };
  }
  return result;
}

function summarise(records: LoadRecord[]): IngestResult {
  const loaded: Record<string, number> = {};
  for (const r of records) loaded[r.target.table] = (loaded[r.target.table] ?? 0) + r.rows;
  return { loaded, rejected: [], loadIds: records.map((r) => r.loadId) };
}

/** --replace: the rows of every target table that came from a file of the same name go first. */
async function deleteReplaced(connection: DuckDBConnection, files: PreparedFile[]): Promise<Set<string>> {
  const replaced = new Set<string>();
  for (const file of files) {
    for (const { table } of targetsFor(file.shape)) {
      const key = `${table}/${file.file.name}`;
      if (replaced.has(key)) continue;
      await noteLeavingRows(connection, table, 'source_file = $1', [file.file.name]);
      const [row] = await queryRows<{ Count: string }>(connection, `delete from ${table} where source_file = $1`, [file.file.name]);
      if (Number(row?.Count ?? 0) > 0) replaced.add(key);
    }
  }
  return replaced;
}

async function loadFile(
  connection: DuckDBConnection,
  file: PreparedFile,
  mode: Mode,
  list: RejectionList,
  serial: number,
  replaced: Set<string>
): Promise<LoadRecord[]> {
  const rejects = { rejects: `ingest_rejects_${serial}_${file.index}`, scans: `ingest_scans_${serial}_${file.index}` };
  const storing: BadLines = file.source.format === 'csv' ? { storeIn: rejects } : { ignore: true };
  if (mode === 'diagnose') {
    const found = await badRowRejections(connection, file, REJECTION_CAP + 1);
    list.add(found.rejections, found.total);
  }
  const records: LoadRecord[] = [];
  const targets = targetsFor(file.shape);
  // The fast attempt at a one-table CSV reads a numbered copy of it (insertNumbered): a parallel
  // read, nothing staged. Any line the reader refuses fails the attempt, and the
  // diagnosing one reads the file itself.
  const numbered = mode === 'fast' && targets.length === 1 && file.numbered;
  // otherwise a CSV is read once, into a temp table every target inserts from (source-sql.ts stageCsv)
  const stage = `ingest_stage_${serial}_${file.index}`;
  const staged = !numbered && 'storeIn' in storing ? await stageCsv(connection, file.source, storing, stage) : null;
  for (const [i, target] of targets.entries()) {
    const first = i === 0;
    const [id] = await queryRows<{ id: string }>(connection, `select nextval('load_id_seq') as id`);
    const loadId = Number(id!.id);
    let rows: number;
    if (numbered) rows = await insertNumbered(connection, file, target, loadId);
    else {
      const read: Read = staged
        ? { sql: staged, params: [] }
        : { sql: sourceSql(file.source, first ? storing : { ignore: true }), params: [file.source.path] };
      rows = await insertTarget(connection, file, target, read, loadId, first && mode === 'fast');
    }
    if (!first && rows === 0) continue;
    await connection.run(
      `insert into loads (load_id, loaded_at, table_name, source_file, shape, rows_loaded, replaced)
       values ($1, now(), $2, $3, $4, $5, $6)`,
      [loadId, target.table, file.file.name, file.shape, rows, replaced.has(`${target.table}/${file.file.name}`)]
    );
    records.push({ loadId, prepared: file, target, rows });
  }
  if ('storeIn' in storing && !numbered) {
    const found = await malformedLines(connection, file, rejects.rejects, REJECTION_CAP + 1);
    list.add(found.rejections, found.total);
    await connection.run(`drop table if exists ${rejects.rejects}; drop table if exists ${rejects.scans}`);
  }
  if (staged) await connection.run(`drop table if exists ${stage}`);
  return records;
}

/**
 * The fast insert of a numbered CSV: Node writes the numbered copy (numbered-copy.ts) just before
 * its file's INSERT and it is removed right after, so at most one file's copy is on disk. Every bad
 * row aborts, as in insertTarget's fast mode. (Inserting it in 32 MB parts while the next part was
 * numbered measured slower at 10 M: 2.09 x the bare read against 1.68 x, docs/benchmarks.md.)
 */
async function insertNumbered(connection: DuckDBConnection, file: PreparedFile, target: Target, loadId: number): Promise<number> {
  const copy = await numberedCopy(file.source.path, file.source.delimiter ?? ',');
  // the file changed since it was checked: the diagnosing attempt reads it as it is now
  if (copy.kind !== 'numbered') throw new Error(`${file.file.name} can no longer be numbered (${copy.kind})`);
  try {
    return await insertTarget(connection, file, target, { sql: numberedSql(file.source), params: [copy.path] }, loadId, true);
  } finally {
    await rm(copy.dir, { recursive: true, force: true });
  }
}

/**
 * One INSERT ... SELECT from the file. With `abortOnBad` every row of the file passes through and a
 * bad one becomes a NOT NULL violation that aborts the statement, so the fast path reads the file
 * once (a pure CASE, unlike error(), keeps DuckDB's plan as fast as a plain insert); otherwise bad
 * rows are left out.
 */
/** A source subquery and the parameters it takes ($1 … in order). */
interface Read {
  sql: string;
  params: string[];
}

async function insertTarget(
  connection: DuckDBConnection,
  file: PreparedFile,
  target: Target,
  read: Read,
  loadId: number,
  abortOnBad: boolean
): Promise<number> {
  const names = Object.keys(target.columns);
  const exprs = names.map((name) => target.columns[name]!);
  const where = target.where ?? 'true';
  if (abortOnBad) exprs[0] = `case when __bad then null else ${exprs[0]} end`;
  const sql = `insert into ${target.table} (${names.join(', ')}, load_id, source_file, source_row)
    select ${exprs.join(', ')}, ${loadId}, $${read.params.length + 1}, __row from (${parsedSql(file, read.sql)})
    where ${abortOnBad ? `(${where}) or __bad` : `(${where}) and not __bad`}`;
  const [row] = await queryRows<{ Count: string }>(connection, sql, [...read.params, file.file.name]);
  return Number(row?.Count ?? 0);
}
