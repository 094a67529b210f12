// Applies sql/ to a database: the canonical schema, seeds, then the staging → core → macros → marts
// models. Staging models become views, core models tables (or views when marked); macros are the
// helpers marts share (a scalar macro is bound when created, so they come after the core tables they
// read); marts define table macros.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { config } from './config.ts';
import { inTransaction, NO_CHECKPOINT_AT_COMMIT, queryRows } from './db.ts';
import { refreshIncrementally, refreshPlan, type CoreModel } from './refresh/incremental.ts';
import { collectTouchedRows, forgetLeavingRows, isKeyedTable } from './refresh/touched.ts';

export const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');
const LAYERS = ['staging', 'core', 'macros', 'marts'] as const;
type Layer = (typeof LAYERS)[number];

export interface Model {
  name: string;
  layer: Layer;
  sql: string;
  materialize: 'view' | 'table' | 'statements';
}

function readModels(layer: Layer): Model[] {
  const dir = join(SQL_DIR, layer);
  const models = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file): Model => {
      const sql = readFileSync(join(dir, file), 'utf8');
      const marked = /^--\s*materialize:\s*(view|table)\s*$/m.exec(sql)?.[1] as 'view' | 'table' | undefined;
      const materialize = layer === 'marts' || layer === 'macros' ? 'statements' : (marked ?? (layer === 'staging' ? 'view' : 'table'));
      return { name: basename(file, '.sql'), layer, sql, materialize };
    });
  return orderByReferences(models);
}

/** The names a model file defines: its own, and each macro it creates (to_reporting.sql has several). */
function definedNames(model: Model): string[] {
  const macros = [...stripComments(model.sql).matchAll(/create\s+(?:or\s+replace\s+)?macro\s+(\w+)/gi)].map((match) => match[1]!);
  return [model.name, ...macros];
}

/** Within a layer, a model that names another one, or a macro it defines, comes after it (dbt's ref, by name). */
export function orderByReferences(models: Model[]): Model[] {
  const ordered: Model[] = [];
  const visiting = new Set<string>();
  const names = new Map(models.map((model) => [model, new RegExp(`\\b(${definedNames(model).join('|')})\\b`)]));
  const visit = (model: Model) => {
    if (ordered.includes(model)) return;
    if (visiting.has(model.name)) throw new Error(`sql/${model.layer}: models refer to each other in a cycle at ${model.name}`);
    visiting.add(model.name);
    for (const other of models) {
      if (other !== model && names.get(other)!.test(stripComments(model.sql))) visit(other);
    }
    visiting.delete(model.name);
    ordered.push(model);
  };
  models.forEach(visit);
  return ordered;
}

function stripComments(sql: string): string {
  return sql.replace(/--.*$/gm, '');
}

function statementFor(model: Model): string {
  const body = model.sql.trim().replace(/;\s*$/, '');
  if (model.materialize === 'view') return `create or replace view ${model.name} as\n${body}`;
  if (model.materialize === 'table') return `create or replace table ${model.name} as\n${body}`;
  return body;
}

const ALL_MODELS = (): Model[] => LAYERS.flatMap(readModels);

/** The home currency as a one-row table the models read (an amount without a currency is in it). */
async function writeHomeCurrency(connection: DuckDBConnection): Promise<void> {
  await connection.run(`create or replace table home_currency as select '${config.homeCurrency}'::varchar as currency`);
}

/** The layers the core tables are built from; the macros and marts only read them. */
const BUILDS_CORE = (model: Model) => model.layer === 'staging' || model.layer === 'core';

/**
 * A fingerprint of what the core tables are built from: a changed staging or core model (or seed,
 * aging bucket, home currency) means they must be rebuilt. Core models read no macro or mart.
 */
function sqlFingerprint(models: Model[], buckets: AgingBucket[]): string {
  const hash = createHash('sha256');
  for (const model of models.filter(BUILDS_CORE)) hash.update(model.name).update(model.sql);
  hash.update(JSON.stringify(buckets)).update(config.homeCurrency);
  for (const seed of seedFiles()) hash.update(seed.name).update(readFileSync(seed.path, 'utf8'));
  return hash.digest('hex').slice(0, 16);
}

/** A fingerprint of the macros and marts: a change to them alone needs them defined again, not a rebuild. */
function readModelsFingerprint(models: Model[]): string {
  const hash = createHash('sha256');
  for (const model of models.filter((m) => !BUILDS_CORE(m))) hash.update(model.name).update(model.sql);
  return hash.digest('hex').slice(0, 16);
}

export interface AgingBucket {
  bucket: string;
  bucket_order: number;
  min_days_past_due: number | null;
  max_days_past_due: number | null;
}

/** Aging buckets are data: sql/seeds/aging_buckets.csv, or the file named by RADAR_AGING_BUCKETS. */
export function readAgingBuckets(path = config.agingBuckets): AgingBucket[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  if (header.trim() !== 'bucket,bucket_order,min_days_past_due,max_days_past_due') {
    throw new Error(`${path}: header must be bucket,bucket_order,min_days_past_due,max_days_past_due`);
  }
  const toDays = (text: string) => (text.trim() === '' ? null : Number.parseInt(text, 10));
  const buckets = lines.map((line, index) => {
    const [bucket, order, min, max] = line.split(',');
    const row = {
      bucket: bucket.trim(),
      bucket_order: Number.parseInt(order, 10),
      min_days_past_due: toDays(min),
      max_days_past_due: toDays(max)
    };
    if (!row.bucket || Number.isNaN(row.bucket_order) || Number.isNaN(row.min_days_past_due) || Number.isNaN(row.max_days_past_due)) {
      throw new Error(`${path} row ${index + 2}: expected a name, an order and whole-day edges`);
    }
    return row;
  });
  assertCoversEveryDay(path, buckets);
  return buckets;
}

/**
 * Every day past due must fall in exactly one bucket: aging, the aged balance and the customer
 * balances each read the buckets, and a day in a gap would be counted by some and not others.
 */
function assertCoversEveryDay(path: string, buckets: AgingBucket[]): void {
  const ordered = buckets
    .map((bucket, index) => ({ bucket, row: index + 2 }))
    .sort((a, b) => a.bucket.bucket_order - b.bucket.bucket_order);
  if (ordered.length === 0) throw new Error(`${path}: at least one bucket is needed`);
  const first = ordered[0];
  if (first.bucket.min_days_past_due !== null) {
    throw new Error(
      `${path} row ${first.row}: the first bucket (by bucket_order) must have an empty min_days_past_due, so every current invoice has a bucket`
    );
  }
  for (const [i, { bucket, row }] of ordered.entries()) {
    const next = ordered[i + 1];
    if (!next) {
      if (bucket.max_days_past_due !== null)
        throw new Error(`${path} row ${row}: the last bucket (by bucket_order) must have an empty max_days_past_due`);
      break;
    }
    if (bucket.max_days_past_due === null || next.bucket.min_days_past_due !== bucket.max_days_past_due + 1) {
      throw new Error(
        `${path} row ${next.row}: min_days_past_due must be ${bucket.max_days_past_due === null ? 'after a bucket with an upper edge' : bucket.max_days_past_due + 1} (the day after bucket "${bucket.bucket}" ends), so no day past due is in no bucket or in two`
      );
    }
  }
}

async function writeAgingBuckets(connection: DuckDBConnection, buckets: AgingBucket[]): Promise<void> {
  await connection.run(
    'create or replace table aging_buckets (bucket varchar not null, bucket_order integer not null, min_days_past_due integer, max_days_past_due integer)'
  );
  for (const b of buckets) {
    await connection.run('insert into aging_buckets values ($1, $2, $3, $4)', [
      b.bucket,
      b.bucket_order,
      b.min_days_past_due,
      b.max_days_past_due
    ]);
  }
}

/** Every other CSV in sql/seeds becomes a table of its name (escalation_ladder, drift_settings ...). */
function seedFiles(): { name: string; path: string }[] {
  const dir = join(SQL_DIR, 'seeds');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.csv') && file !== 'aging_buckets.csv')
    .sort()
    .map((file) => ({ name: basename(file, '.csv'), path: join(dir, file) }));
}

async function writeSeeds(connection: DuckDBConnection): Promise<void> {
  for (const seed of seedFiles()) {
    const path = seed.path.replace(/'/g, "''");
    await connection.run(`create or replace table ${seed.name} as select * from read_csv('${path}', header = true, auto_detect = true)`);
  }
}

async function dataVersion(connection: DuckDBConnection): Promise<string> {
  const [row] = await queryRows<{ version: string }>(
    connection,
    "select count(*) || ':' || coalesce(max(load_id), 0) || ':' || count(undone_at) as version from loads"
  );
  return row.version;
}

/** Creates the canonical tables if they are missing. Safe to run on every start. */
export async function applySchema(connection: DuckDBConnection): Promise<void> {
  await connection.run(readFileSync(join(SQL_DIR, 'schema', 'canonical_tables.sql'), 'utf8'));
  await connection.run('create table if not exists model_builds (sql_fingerprint varchar, data_version varchar, built_at timestamp)');
  // the macros and marts a build defined (databases built before it was recorded have it null)
  await connection.run('alter table model_builds add column if not exists read_fingerprint varchar');
}

/** The fingerprint of what the core tables are built from as it is now: what model_builds records of a build. */
export function currentModelsFingerprint(): string {
  return sqlFingerprint(ALL_MODELS(), readAgingBuckets());
}

/** True when the core tables were built from the SQL and data as they are now (checked before a write). */
export async function modelsUpToDate(connection: DuckDBConnection): Promise<boolean> {
  const [built] = await queryRows<{ sql_fingerprint: string; data_version: string }>(connection, 'select * from model_builds');
  return Boolean(built && built.sql_fingerprint === currentModelsFingerprint() && built.data_version === (await dataVersion(connection)));
}

/** What a write changed, for a refresh of only that (server/refresh/). */
export interface WriteChange {
  /** the loads the write added (their rows are found by load_id) */
  arrivedLoads: number[];
  /** modelsUpToDate() taken before the write: only then can the core tables be patched */
  modelsWereUpToDate: boolean;
}

export interface RefreshOptions {
  onModel?: (name: string, milliseconds: number) => void;
  /** the steps of a refresh beside its models ('touched rows', each scope's read, …, 'commit'), for bench/refresh-append.ts */
  onStep?: (step: string, milliseconds: number) => void;
  /** before each model: how many are built so far, of how many, and whether all are rebuilt or only what a write touched */
  onProgress?: (built: number, total: number, kind: RefreshKind) => void;
  /**
   * What the write changed: then only what its rows touch is computed again (server/refresh/),
   * unless it changed rows no core model follows key by key (exchange rates, costs). Without it,
   * every model is rebuilt.
   */
  change?: WriteChange;
}

/** How the refresh went: 'incremental' or 'full'. */
export type RefreshKind = 'incremental' | 'full';

/**
 * Brings every model up to date in one transaction: readers see the old figures or the new ones, and
 * a crash part-way leaves the old ones (and a stale marker, so the next start rebuilds).
 */
export async function refreshModels(connection: DuckDBConnection, options: RefreshOptions = {}): Promise<RefreshKind> {
  const models = ALL_MODELS();
  const buckets = readAgingBuckets();
  const started = performance.now();
  let worked = 0;
  // the commit writes DuckDB's log only (durable once committed: a crash replays it at the next open);
  // folding it into the database file is left to a checkpoint after the write (Database's
  // checkpointPastBytes in the server, which opens with that threshold already and then locks its
  // configuration; the close of a CLI run), so the new figures are not held back by it. Readers are
  // not blocked by a checkpoint (DuckDB 1.5).
  const threshold = await raiseCheckpointThreshold(connection);
  const refreshed = await inTransaction(connection, async () => {
    const kind = options.change?.modelsWereUpToDate ? await refreshTouched(connection, models, options) : 'full';
    if (kind === 'full') await rebuildAll(connection, models, buckets, options);
    await forgetLeavingRows(connection);
    await connection.run('delete from model_builds');
    await connection.run(
      'insert into model_builds (sql_fingerprint, data_version, built_at, read_fingerprint) values ($1, $2, current_timestamp, $3)',
      [sqlFingerprint(models, buckets), await dataVersion(connection), readModelsFingerprint(models)]
    );
    worked = performance.now() - started;
    return kind;
  }).finally(() => threshold !== null && connection.run(`set checkpoint_threshold = '${threshold}'`));
  // what is left of the time is the commit: DuckDB writes its log
  options.onStep?.('commit', performance.now() - started - worked);
  return refreshed;
}

/**
 * Sets checkpoint_threshold past any log a refresh writes and answers the value to restore, or null
 * where the configuration is locked (the server: its Database opened with that threshold already).
 */
async function raiseCheckpointThreshold(connection: DuckDBConnection): Promise<string | null> {
  const [row] = await queryRows<{ value: string; locked: boolean }>(
    connection,
    "select current_setting('checkpoint_threshold') as value, current_setting('lock_configuration') as locked"
  );
  if (row.locked) return null;
  await connection.run(`set checkpoint_threshold = '${NO_CHECKPOINT_AT_COMMIT}'`);
  return row.value;
}

/** The core tables patched for the rows a write touched; 'full' (nothing done) when that cannot be proven right. */
async function refreshTouched(connection: DuckDBConnection, models: Model[], options: RefreshOptions): Promise<RefreshKind> {
  const collecting = performance.now();
  const changed = await collectTouchedRows(connection, options.change!.arrivedLoads);
  options.onStep?.('touched rows', performance.now() - collecting);
  if ([...changed].some((table) => !isKeyedTable(table))) return 'full';
  const core: CoreModel[] = models
    .filter((m) => m.layer === 'core' && m.materialize === 'table')
    .map((m) => ({ name: m.name, body: m.sql.trim().replace(/;\s*$/, ''), plan: refreshPlan(m.name, m.sql) }));
  options.onProgress?.(0, core.length, 'incremental');
  const patched = await refreshIncrementally(
    connection,
    core,
    (index, total, name, ms) => {
      if (index + 1 < total) options.onProgress?.(index + 1, total, 'incremental');
      options.onModel?.(name, ms);
    },
    options.onStep
  );
  return patched ? 'incremental' : 'full';
}

async function rebuildAll(connection: DuckDBConnection, models: Model[], buckets: AgingBucket[], options: RefreshOptions): Promise<void> {
  await writeAgingBuckets(connection, buckets);
  await writeSeeds(connection);
  await writeHomeCurrency(connection);
  const kinds = await relationKinds(connection);
  for (const [index, model] of models.entries()) {
    options.onProgress?.(index, models.length, 'full');
    const started = performance.now();
    await dropOtherKind(connection, model, kinds);
    await connection.run(statementFor(model));
    options.onModel?.(model.name, performance.now() - started);
  }
}

/** The kind of each table and view of the main schema: 'table' or 'view'. */
async function relationKinds(connection: DuckDBConnection): Promise<Map<string, 'table' | 'view'>> {
  const rows = await queryRows<{ name: string; kind: 'table' | 'view' }>(
    connection,
    `select table_name as name, 'table' as kind from duckdb_tables() where database_name = current_database() and schema_name = 'main' and not temporary
     union all
     select view_name, 'view' from duckdb_views() where database_name = current_database() and schema_name = 'main' and not temporary and not internal`
  );
  return new Map(rows.map((row) => [row.name, row.kind]));
}

/**
 * A model that became a view (or a table) in a newer version of sql/ replaces the other kind of
 * relation of its name in a database built before: `create or replace` cannot change the kind.
 */
async function dropOtherKind(connection: DuckDBConnection, model: Model, kinds: Map<string, 'table' | 'view'>): Promise<void> {
  if (model.materialize === 'statements') return;
  const existing = kinds.get(model.name);
  if (existing && existing !== model.materialize) await connection.run(`drop ${existing} ${model.name}`);
}

/** Rebuilds one core model on its own, for a write that changes only its inputs (a logged promise). */
export async function refreshModel(connection: DuckDBConnection, name: string): Promise<void> {
  const model = readModels('core').find((m) => m.name === name);
  if (!model) throw new Error(`no core model named ${name}`);
  await connection.run(statementFor(model));
}

/** The SQL that builds one core model (for the profiler in bench/rebuild-profile.ts), or null. */
export function coreModelStatement(name: string): string | null {
  const model = readModels('core').find((m) => m.name === name);
  return model ? statementFor(model) : null;
}

/** The core models kept as tables (not views): what an export writes beside the canonical tables. */
export function coreTableNames(): string[] {
  return readModels('core')
    .filter((m) => m.materialize === 'table')
    .map((m) => m.name);
}

/** The tables made from sql/seeds (aging_buckets and every other CSV there) and the home currency setting. */
export function seedTableNames(): string[] {
  return ['aging_buckets', 'home_currency', ...seedFiles().map((seed) => seed.name)];
}

/**
 * The models that read without writing: staging views, core views and the marts' macros. For a
 * database whose canonical, seed and core tables are already there some other way (views over an
 * export's Parquet files, server/export/read-back.ts), this is all that reports need.
 */
export async function applyReadModels(connection: DuckDBConnection): Promise<void> {
  for (const model of ALL_MODELS()) {
    if (model.materialize !== 'table') await connection.run(statementFor(model));
  }
}

/**
 * At start: schema, then a rebuild only when what the core tables are built from or the loaded data
 * changed since the last one. A change to the macros and marts alone defines them again (a second):
 * a new version of a report does not rebuild a 10 M-invoice ledger (minutes).
 */
export async function ensureModels(connection: DuckDBConnection): Promise<{ rebuilt: boolean }> {
  await applySchema(connection);
  const [built] = await queryRows<{ sql_fingerprint: string; data_version: string; read_fingerprint: string | null }>(
    connection,
    'select sql_fingerprint, data_version, read_fingerprint from model_builds'
  );
  const fresh = built && built.sql_fingerprint === currentModelsFingerprint() && built.data_version === (await dataVersion(connection));
  if (!fresh) {
    await refreshModels(connection);
    return { rebuilt: true };
  }
  const readFingerprint = readModelsFingerprint(ALL_MODELS());
  if (built.read_fingerprint === readFingerprint) return { rebuilt: false };
  await applyReadModels(connection);
  await connection.run('update model_builds set read_fingerprint = $1', [readFingerprint]);
  return { rebuilt: false };
}
