// A Parquet file's footer checked against the file before DuckDB scans it. The footer is the
// file's own account of itself and can lie: 139 bytes claiming 4e18 rows kept both cores busy for
// minutes, and a row-group list repeating one row group 200,000 times made a small file read as
// 200 M rows (issue 14 #3, #4). Each check reads only the footer.
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import { config } from '../config.ts';

/** RADAR_MAX_FILE_ROWS: the most rows one file may hold (default 100 M). */
export function maxFileRowsFromEnv(): number {
  return config.maxFileRows;
}

/** A footer bigger than this is not a ledger's (100 M rows written by DuckDB, 814 row groups of 20 columns, take about 2 MB). */
const MAX_FOOTER_BYTES = 4 * 1024 * 1024;
const MAX_ROW_GROUPS = 100_000;

async function footerLength(path: string, size: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const tail = Buffer.alloc(8);
    await handle.read(tail, 0, 8, size - 8);
    if (tail.subarray(4).toString('latin1') !== 'PAR1') return -1;
    return tail.readUInt32LE(0);
  } finally {
    await handle.close();
  }
}

/** What is wrong with the file's footer, or null when its claims fit the file. */
export async function parquetProblem(connection: DuckDBConnection, path: string, size: number): Promise<string | null> {
  if (size < 12) return `the Parquet file is ${size} bytes, too short to hold a footer`;
  const footer = await footerLength(path, size);
  if (footer < 0) return 'the Parquet file does not end with PAR1: it is cut short or not Parquet';
  if (footer > size - 12) return `the Parquet footer claims ${footer} bytes, more than the file's ${size}`;
  if (footer > MAX_FOOTER_BYTES)
    return `the Parquet footer is ${footer} bytes; a ledger file's is far smaller (at most ${MAX_FOOTER_BYTES})`;

  const [meta] = await queryRows<{ num_rows: string; num_row_groups: string }>(
    connection,
    'select num_rows::varchar as num_rows, num_row_groups::varchar as num_row_groups from parquet_file_metadata($1)',
    [path]
  );
  const rows = BigInt(meta?.num_rows ?? '0');
  const groups = Number(meta?.num_row_groups ?? 0);
  const maxRows = maxFileRowsFromEnv();
  if (rows > BigInt(maxRows))
    return `the Parquet file claims ${rows} rows, more than the ${maxRows} one file may hold (RADAR_MAX_FILE_ROWS)`;
  if (groups > MAX_ROW_GROUPS) return `the Parquet file claims ${groups} row groups; at most ${MAX_ROW_GROUPS} are read`;

  // the column chunks must fit in the bytes before the footer, and no two row groups may share one
  const [chunks] = await queryRows<{ bytes: string; rows: string; places: string; chunks: string }>(
    connection,
    `with chunk as (
       select row_group_id, any_value(row_group_num_rows) as rows, sum(total_compressed_size) as bytes,
         min(coalesce(dictionary_page_offset, data_page_offset)) as place
       from parquet_metadata($1) group by row_group_id)
     select coalesce(sum(bytes), 0)::varchar as bytes, coalesce(sum(rows), 0)::varchar as rows,
       count(distinct place)::varchar as places, count(*)::varchar as chunks from chunk`,
    [path]
  );
  const data = size - footer - 12;
  if (BigInt(chunks!.bytes) > BigInt(data)) {
    return `the Parquet row groups claim ${chunks!.bytes} bytes of data, but the file holds ${data} bytes before its footer`;
  }
  if (chunks!.places !== chunks!.chunks)
    return `the Parquet footer lists ${chunks!.chunks} row groups but only ${chunks!.places} distinct places in the file: row groups are repeated`;
  if (BigInt(chunks!.rows) !== rows) return `the Parquet footer claims ${rows} rows, but its row groups add up to ${chunks!.rows}`;
  return null;
}
