// Every core table of a database as a refresh left it, against a full rebuild of the same data, row
// for row (EXCEPT ALL both ways, equal counts): the check the incremental refresh tests share.
import { expect } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../server/db.ts';
import { coreTableNames, refreshModels } from '../../server/models.ts';
import { compareTables } from '../../bench/table-compare.ts';

/** Each core table, its rows after the full rebuild, and whether the refreshed one differed from it (or was missing). */
export async function compareWithFullRebuild(db: Database): Promise<{ table: string; rows: number; differs: boolean }[]> {
  return db.write(async (connection: DuckDBConnection) => {
    await connection.run('create or replace schema patched');
    for (const table of coreTableNames()) await connection.run(`create table patched.${table} as select * from main.${table}`);
    expect(await refreshModels(connection)).toBe('full');
    const compared = await compareTables(connection, 'patched', 'main', coreTableNames());
    await connection.run('drop schema patched cascade');
    return compared.map((t) => ({ table: t.table, rows: t.rows.b, differs: t.differs || t.missing }));
  });
}
