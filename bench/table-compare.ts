// Row-for-row comparison of same-named tables in two attached databases (or schemas): EXCEPT ALL
// both ways, row counts and column types. Shared by bench/rebuild-compare.ts and the refresh test.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface TableComparison {
  table: string;
  rows: { a: number; b: number };
  only_in: { a: number; b: number };
  types_equal: boolean;
  /** true when the table is missing on one side (a model the other tree does not have) */
  missing: boolean;
  differs: boolean;
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRows()[0]![0]);
}

async function columnTypes(connection: DuckDBConnection, relation: string): Promise<string | null> {
  try {
    const reader = await connection.runAndReadAll(`describe ${relation}`);
    return reader
      .getRows()
      .map((row) => `${row[0]} ${row[1]}`)
      .join(', ');
  } catch {
    return null;
  }
}

export async function compareTables(connection: DuckDBConnection, a: string, b: string, tables: string[]): Promise<TableComparison[]> {
  const results: TableComparison[] = [];
  for (const table of tables) {
    const [left, right] = [`${a}.${table}`, `${b}.${table}`];
    const [typesA, typesB] = [await columnTypes(connection, left), await columnTypes(connection, right)];
    if (typesA === null || typesB === null) {
      results.push({ table, rows: { a: 0, b: 0 }, only_in: { a: 0, b: 0 }, types_equal: false, missing: true, differs: false });
      continue;
    }
    const rows = {
      a: await scalar(connection, `select count(*) from ${left}`),
      b: await scalar(connection, `select count(*) from ${right}`)
    };
    const only_in = {
      a: await scalar(connection, `select count(*) from (select * from ${left} except all select * from ${right})`),
      b: await scalar(connection, `select count(*) from (select * from ${right} except all select * from ${left})`)
    };
    const types_equal = typesA === typesB;
    results.push({
      table,
      rows,
      only_in,
      types_equal,
      missing: false,
      differs: rows.a !== rows.b || only_in.a > 0 || only_in.b > 0 || !types_equal
    });
  }
  return results;
}
