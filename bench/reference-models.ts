// A git revision's SQL models beside the current ones on the same database, for benchmarks that
// compare a rewrite with what it replaces: every macro and view of the chosen files renamed
// <name>_ref (in the definitions and the uses), run in an order that lets each bind.
import { execFileSync } from 'node:child_process';
import type { DuckDBConnection } from '@duckdb/node-api';

export function sqlAt(revision: string, path: string): string {
  return execFileSync('git', ['show', `${revision}:sql/${path}`], { encoding: 'utf8' });
}

/** The files under sql/ at a revision, as `marts/drift.sql` ... */
export function filesAt(revision: string): string[] {
  return execFileSync('git', ['ls-tree', '-r', '--name-only', revision, 'sql/'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^sql\//, ''));
}

/** The helpers (sql/macros, or the *_setting files among the marts before it existed) and the drift, worklist and forecast marts, helpers first. */
export function riskFiles(files: string[]): string[] {
  const helpers = files.filter((f) => f.startsWith('macros/') || /^marts\/\w+_setting\.sql$/.test(f));
  const marts = files.filter((f) => /^marts\/(drift\w*|worklist|forecast_\w+)\.sql$/.test(f));
  return [...helpers, ...marts].filter((f) => f.endsWith('.sql'));
}

/** The statements with every macro and view they define renamed <name>_ref, in the definitions and the uses. */
export function asReferenceModels(statements: string[]): string[] {
  const names = statements.flatMap((sql) => [...sql.matchAll(/create or replace (?:macro|view) (\w+)/g)].map((m) => m[1]));
  const pattern = new RegExp(`\\b(${names.join('|')})\\b(?!')`, 'g');
  return statements.map((sql) => sql.replace(pattern, '$1_ref'));
}

/** Runs the statements, each after the ones it needs: a macro is bound when it is created. */
export async function runInAnyOrder(connection: DuckDBConnection, statements: string[]): Promise<void> {
  let left = statements;
  while (left.length > 0) {
    const failed: string[] = [];
    let lastError: unknown;
    for (const sql of left) await connection.run(sql).catch((error: unknown) => (failed.push(sql), (lastError = error)));
    if (failed.length === left.length) throw lastError;
    left = failed;
  }
}

/** Defines the revision's risk and forecast macros as <name>_ref on the connection. */
export async function defineReferenceModels(connection: DuckDBConnection, revision: string): Promise<void> {
  await runInAnyOrder(connection, asReferenceModels(riskFiles(filesAt(revision)).map((file) => sqlAt(revision, file))));
}
