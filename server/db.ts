// The one DuckDB instance of the process, its connections and a typed query helper.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { config } from './config.ts';
import type { WriteProgressReport, WriteStage } from './contracts/loads.ts';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export { DEFAULT_DB_PATH } from './config.ts';

/** RADAR_DB, or data/radar.duckdb. */
export function dbPathFromEnv(): string {
  return config.dbPath;
}

export interface DatabaseOptions {
  /** Extra DuckDB settings passed at open time (e.g. allowed_directories). */
  settings?: Record<string, string>;
  /**
   * After a write that left DuckDB's log (the WAL) longer than this, write it into the database file
   * once the write has ended (the server, at DuckDB's own threshold: a refresh's commit writes the
   * log only, server/models.ts). Without it the close does (a CLI run).
   */
  checkpointPastBytes?: number;
}

/** DuckDB's default checkpoint_threshold: the server checkpoints a log longer than this after a write. */
export const CHECKPOINT_PAST_BYTES = 16 * 1024 ** 2;

/** A checkpoint_threshold past any log a write leaves: a commit then writes the log only. */
export const NO_CHECKPOINT_AT_COMMIT = '1000GB';

/** Read answers kept until the next write; a result bigger than this many rows is not kept. */
const CACHE_ENTRIES = 256;
const CACHE_MAX_ROWS = 50_000;
/**
 * A route's JSON answer bigger than this is not kept, nor one that would take a generation's kept
 * answers past the budget (a worklist page of 50 was 112 kB at 20,000 invoices and 4.3 MB after an
 * upload of 30,000: under a 1 MB cap it was serialised again on every request, issue 14 #9).
 */
const CACHE_MAX_JSON = 16 * 1024 ** 2;
const CACHE_JSON_BUDGET = 64 * 1024 ** 2;
/**
 * What reports shaped in TypeScript may hold in one generation, by their own estimate of the memory
 * their objects take (`remember`'s keep): at 10 M invoices one date's drift report (357,143
 * customers) is about 0.2 GB of objects and its forecast (0.7 M invoices) about 0.4 GB. Without a
 * bound, every date a user asked for kept its forecast until the next write (thirteenth session,
 * docs/benchmarks.md).
 */
export const REMEMBERED_BUDGET = 512 * 1024 ** 2;
/** The routes' answers asked since the last write that a write computes again from its new data before it ends. */
const PREPARED_ANSWERS = 32;
/**
 * How long a write waits for them: until then readers get the answers of the data before it, which
 * the write has not ended yet; one not ready by then is still computed and kept for the new data.
 */
const PREPARE_WAIT_MS = 10_000;

/**
 * The answers of one state of the data: read answers by SQL and parameters, and the routes' JSON
 * answers asked in it, with how to compute each again (for the next state, before a write ends).
 */
interface Generation {
  answers: Map<string, Promise<unknown>>;
  asked: Map<string, { compute: () => Promise<unknown>; keep: Keep<unknown> }>;
  /** bytes of the kept answers that have a size (the routes' JSON, the remembered reports), by key, and their sums by budget */
  sizes: Map<string, { bytes: number; budget: Budget }>;
  bytes: Record<Budget, number>;
}
/** The routes' JSON answers and the reports shaped in TypeScript are kept within budgets of their own. */
type Budget = 'json' | 'remembered';
const BUDGET_BYTES: Record<Budget, number> = { json: CACHE_JSON_BUDGET, remembered: REMEMBERED_BUDGET };
/** Whether an answer is kept: false, or the bytes it takes of its generation's budget (0: kept without counting, a small read). */
type Keep<T> = (answer: T) => number | false;
const newGeneration = (): Generation => ({ answers: new Map(), asked: new Map(), sizes: new Map(), bytes: { json: 0, remembered: 0 } });
const utf8 = new TextEncoder();

/**
 * About what one value of a read's rows takes as JavaScript objects: 46 to 78 bytes measured on the 1 M
 * ledger (heap after a forced GC; 78 for drift's 25 columns of numbers, thirteenth session).
 */
const ROW_VALUE_BYTES = 80;
/** A read this small is kept without counting it (at most CACHE_ENTRIES of them: 256 MB). */
const UNCOUNTED_READ_BYTES = 1024 ** 2;

/**
 * Whether a read's rows are kept: never past CACHE_MAX_ROWS; a large one (a drift date's rows: 35,324
 * customers, about 70 MB at 1 M invoices) counts against REMEMBERED_BUDGET, so a user stepping
 * through dates does not keep every date's rows until the next write.
 */
function keepRows(rows: Row[]): number | false {
  if (rows.length > CACHE_MAX_ROWS) return false;
  const bytes = rows.length * Object.keys(rows[0] ?? {}).length * ROW_VALUE_BYTES;
  return bytes < UNCOUNTED_READ_BYTES ? 0 : bytes;
}

/**
 * Owns the DuckDBInstance. Reads go through `read`, on connections of their own (RADAR_READ_CONNECTIONS:
 * a connection runs one query at a time, and a drift score that takes seconds must not hold up the
 * aging table behind it);
 * the write path (ingest + model refresh) is serialised through `write` so two
 * loads never interleave and a reader always sees the state before or after a load.
 */
/** DuckDB settings that keep the memory it holds outside its buffer pool small (Database.open). */
export const BOUNDED_OUTSIDE_THE_LIMIT = {
  write_buffer_row_group_memory_limit: '128MB',
  allocator_flush_threshold: '32MB',
  allocator_background_threads: 'true'
} as const;

export class Database {
  private writeQueue: Promise<unknown> = Promise.resolve();
  /**
   * Read answers by SQL and parameters. Every figure is a function of the loaded data, so an answer
   * stays right until the next write; each write (load, undo, logged activity) ends with a new
   * generation: empty, or holding only the answers it computed again from its own data.
   */
  private current = newGeneration();
  /**
   * The generation a computation belongs to, so the reads a report makes are kept beside it: the
   * one current when it started, or the next one while a write prepares it.
   */
  private readonly generationOf = new AsyncLocalStorage<Generation>();
  /** The next generation while a write that has committed computes its answers (prepareNext). */
  private preparing: Generation | null = null;
  private readonly writtenListeners: (() => void)[] = [];
  private closing = false;
  /** What the write under way is doing (set by the write itself); null when none runs or it did not say. */
  private writeStep: { stage: WriteStage; step: string } | null = null;
  private writing = false;
  /** Queries under way on each read connection, to hand the next read to the least busy one. */
  private readonly readsInFlight: number[];
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    private readonly readConnections: DuckDBConnection[],
    private readonly writeConnection: DuckDBConnection,
    private readonly checkpointPastBytes?: number
  ) {
    this.readsInFlight = readConnections.map(() => 0);
  }

  static async open(path: string = dbPathFromEnv(), options: DatabaseOptions = {}): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const instance = await DuckDBInstance.create(path, {
      // Only built-in extensions exist here; never try the network.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      // DuckDB spills big sorts and joins to disk past this; it bounds the process's memory
      memory_limit: config.memoryLimit,
      // what DuckDB holds beyond that limit: the row groups of a table being written (1.2 GB by
      // default in DuckDB 1.5) and the memory its allocator keeps after a task. A full rebuild at
      // 10 M invoices peaked 1 GB above the limit without these, 0.4 GB with them, as fast
      // (docs/benchmarks.md, twelfth session; bench/memory-settings.ts)
      ...BOUNDED_OUTSIDE_THE_LIMIT,
      // a Database that checkpoints after its writes keeps every commit to the log: set here, at
      // open, because the server locks its configuration before it serves (server/security.ts)
      ...(options.checkpointPastBytes === undefined ? {} : { checkpoint_threshold: NO_CHECKPOINT_AT_COMMIT }),
      ...options.settings
    });
    const readConnections = await Promise.all(Array.from({ length: config.readConnections }, () => instance.connect()));
    const writeConnection = await instance.connect();
    // DuckDB tracks how far a statement is only with its progress bar on (never printed)
    await writeConnection.run('set enable_progress_bar = true; set enable_progress_bar_print = false');
    return new Database(path, instance, readConnections, writeConnection, options.checkpointPastBytes);
  }

  /** A fresh connection, for work that must not share a transaction with others. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Connections lent by withConnection, interrupted by shutDown like the server's own. */
  private readonly lent = new Set<DuckDBConnection>();

  /**
   * `work` on a fresh connection of its own (a preview, an Explore query), closed afterwards; a
   * server asked to stop interrupts it like every other statement.
   */
  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closing) throw new Error('the server is stopping');
    const connection = await this.instance.connect();
    this.lent.add(connection);
    try {
      return await work(connection);
    } finally {
      this.lent.delete(connection);
      connection.closeSync();
    }
  }

  /** Run a read query; rows come back JSON-safe (BIGINT/DECIMAL as strings, DATE as 'YYYY-MM-DD'). */
  read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const key = sql + '\u0000' + JSON.stringify(params ?? null, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
    return this.kept(
      key,
      () => this.onLeastBusyConnection((connection) => queryRows<T>(connection, sql, params)),
      keepRows,
      false,
      'remembered'
    );
  }

  /**
   * An answer computed from reads (a report shaped in TypeScript, say), kept under `key` like the
   * reads themselves until the next write. `keep` says how many bytes its objects take (an
   * estimate), or false: the reports of a generation are kept within REMEMBERED_BUDGET, and one
   * that would go past it is answered, not kept.
   */
  remember<T>(key: string, compute: () => Promise<T>, keep: Keep<T> = () => 0): Promise<T> {
    return this.kept(key, compute, keep, false, 'remembered');
  }

  /**
   * A route's answer as JSON text (the route's name and validated query in `key`), kept like reads
   * until the next write. A write computes again, from its new data and before it ends, those asked
   * since the write before it, so readers do not meet an empty cache after each write (issue 14 #9).
   */
  json(key: string, compute: () => Promise<unknown>): Promise<Uint8Array<ArrayBuffer>> {
    // kept as UTF-8 bytes: a repeat is written as it is, without measuring and encoding the text again
    const bytes = async () => utf8.encode(JSON.stringify(await compute()));
    return this.kept(
      `json\u0000${key}`,
      bytes,
      (answer) => (answer.byteLength <= CACHE_MAX_JSON ? answer.byteLength : false),
      true,
      'json'
    );
  }

  private kept<T>(key: string, compute: () => Promise<T>, keep: Keep<T>, noteAsked: boolean, budget: Budget): Promise<T> {
    const pinned = this.generationOf.getStore();
    // once a write has committed and prepares its answers, what is computed anew is of its data: it
    // goes with them, while answers of the data before it are still served until the write ends
    const generation = pinned ?? this.preparing ?? this.current;
    if (noteAsked && !generation.asked.has(key)) {
      generation.asked.set(key, { compute, keep: keep as Keep<unknown> });
      if (generation.asked.size > PREPARED_ANSWERS) generation.asked.delete(generation.asked.keys().next().value!);
    }
    const cached = (pinned ? undefined : this.current.answers.get(key)) ?? generation.answers.get(key);
    if (cached) return cached as Promise<T>;
    const { answers, sizes } = generation;
    const drop = (dropped: string) => {
      answers.delete(dropped);
      const size = sizes.get(dropped);
      if (size) generation.bytes[size.budget] -= size.bytes;
      sizes.delete(dropped);
    };
    // an answer started before a write ended stays in its own generation: never kept after the write
    const answer = this.generationOf.run(generation, compute);
    answers.set(key, answer);
    if (answers.size > CACHE_ENTRIES) drop(answers.keys().next().value!);
    const forget = () => answers.get(key) === answer && drop(key);
    answer.then((value) => {
      const bytes = keep(value);
      if (bytes === false || generation.bytes[budget] + bytes > BUDGET_BYTES[budget]) return forget();
      if (bytes === 0 || answers.get(key) !== answer) return;
      generation.bytes[budget] += bytes;
      sizes.set(key, { bytes, budget });
    }, forget);
    return answer;
  }

  /**
   * Computes again, from the data a write just committed, the routes' answers asked since the write
   * before it, in the generation that replaces the current one when the write ends; waits for them
   * at most PREPARE_WAIT_MS.
   */
  private async prepareNext(): Promise<Generation> {
    const next = newGeneration();
    const asked = [...this.current.asked];
    if (asked.length === 0 || this.closing) return next;
    this.preparing = next;
    try {
      const prepared = Promise.allSettled(
        asked.map(([key, { compute, keep }]) => this.generationOf.run(next, () => this.kept(key, compute, keep, false, 'json')))
      );
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([prepared, new Promise((resolve) => (timer = setTimeout(resolve, PREPARE_WAIT_MS)))]);
      clearTimeout(timer);
    } finally {
      this.preparing = null;
    }
    return next;
  }

  private async onLeastBusyConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closing) throw new Error('the server is stopping');
    const index = this.readsInFlight.indexOf(Math.min(...this.readsInFlight));
    this.readsInFlight[index]!++;
    try {
      return await work(this.readConnections[index]!);
    } finally {
      this.readsInFlight[index]!--;
    }
  }

  /** Run `work` alone on the write connection; calls queue behind each other. */
  write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    // Answers computed while a write runs are kept until it ends: until its last commit the model
    // tables readers see are the ones from before it. A write that succeeds then computes the
    // answers asked lately from its data, and they replace the cache when it ends; one that fails
    // ends with an empty cache (an answer still being computed then is dropped with the old one).
    let next = newGeneration();
    const result = this.writeQueue
      .then(async () => {
        this.writing = true;
        const value = await work(this.writeConnection);
        next = await this.prepareNext();
        return value;
      })
      .finally(() => {
        this.writing = false;
        this.writeStep = null;
        this.current = next;
        for (const listener of this.writtenListeners) listener();
      });
    // a checkpoint that fails leaves the log for the next one: it never stops the writes queued behind it
    this.writeQueue = result
      .catch(() => undefined)
      .then(() => this.checkpointIfLogged())
      .catch(() => undefined);
    return result;
  }

  /**
   * The checkpoint a write's commit left out, run after the write has ended and its figures are
   * served: readers go on meanwhile (DuckDB 1.5 checkpoints beside open read transactions), the next
   * write waits behind it. Committed data is safe either way: the log is on disk, and a crash before
   * this replays it at the next open.
   */
  private async checkpointIfLogged(): Promise<void> {
    if (this.checkpointPastBytes === undefined || this.closing || this.path === ':memory:') return;
    const wal = statSync(`${this.path}.wal`, { throwIfNoEntry: false });
    if (!wal || wal.size <= this.checkpointPastBytes) return;
    const started = performance.now();
    try {
      await this.writeConnection.run('checkpoint');
      this.lastCheckpoint = { bytes: wal.size, milliseconds: performance.now() - started };
    } catch (error) {
      // the log stays and is written at the next checkpoint (DuckDB's at a later commit, or the close)
      console.error(`checkpoint after a write failed: ${(error as Error).message}`);
    }
  }

  /** The last checkpoint run after a write: the log's size then and how long it took (for bench/). */
  lastCheckpoint: { bytes: number; milliseconds: number } | null = null;

  /** Resolves once the writes queued so far and the checkpoint after them have ended. */
  async idle(): Promise<void> {
    await this.writeQueue;
  }

  /** Says what the write under way is doing now ('loading', "checking and loading invoices.csv"), for writeProgress. */
  setWriteStep(stage: WriteStage, step: string): void {
    if (this.writing) this.writeStep = { stage, step };
  }

  /**
   * The write under way, for a page that waits on it: its step, and how far DuckDB is through the
   * statement running now (as DuckDB's own progress bar counts it).
   */
  writeProgress(): WriteProgressReport {
    if (!this.writing) return { busy: false, stage: null, step: null, percentage: null };
    const { percentage } = this.writeConnection.progress;
    return {
      busy: true,
      stage: this.writeStep?.stage ?? null,
      step: this.writeStep?.step ?? null,
      percentage: percentage >= 0 ? Math.round(percentage * 10) / 10 : null
    };
  }

  /** Empties the read cache: benchmarks do to time cold answers. */
  forgetAnswers(): void {
    this.current = newGeneration();
  }

  /** Called after every write, once its new answers replaced the cache (server/warm-up.ts fills it further). */
  onWritten(listener: () => void): void {
    this.writtenListeners.push(listener);
  }

  /**
   * Stops the work under way and closes, for a server that is asked to stop. A DuckDB connection's
   * closeSync waits for its query while blocking the thread that query reports to, so closing with
   * a read in flight (a warm-up after a load, say) hung the process: every connection is interrupted
   * first (a write in progress rolls back, as after a crash), and the database is closed only once
   * nothing runs, or left to the process's exit after `graceMs`.
   */
  async shutDown(graceMs = 5000): Promise<void> {
    this.closing = true;
    const interruptAll = () => {
      for (const connection of [...this.readConnections, this.writeConnection, ...this.lent]) connection.interrupt();
    };
    interruptAll();
    // a statement still queued for a thread when interrupted starts with the flag cleared: repeat
    const repeat = setInterval(interruptAll, 100);
    const idle = async () => {
      await this.writeQueue;
      while (this.readsInFlight.some((n) => n > 0) || this.lent.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const settled = await Promise.race([
      idle().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref())
    ]);
    clearInterval(repeat);
    if (settled) this.close();
  }

  close(): void {
    for (const connection of this.readConnections) connection.closeSync();
    this.writeConnection.closeSync();
    this.instance.closeSync();
  }
}

/** 60 % of the machine's memory, at most 2.5 GB: with Node around it the process stays under 4 GB at 10 M invoices. */

export async function queryRows<T extends Row = Row>(connection: DuckDBConnection, sql: string, params?: Params): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as T[];
}

/** Run `work` inside one transaction: all or nothing. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('begin transaction');
  try {
    const result = await work();
    await connection.run('commit');
    return result;
  } catch (error) {
    await connection.run('rollback').catch(() => undefined);
    throw error;
  }
}
