// The Explore sandbox's first wall: DuckDB parses the query (never a regex), and the parse tree
// from json_serialize_sql is walked before anything is bound or run. Only one SELECT-like statement,
// only the models' tables and views, only allowed table functions, and file paths only inside the
// uploads folder. The second wall is DuckDB's own allowed_directories (server/security.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db.ts';
import { SandboxError, firstLine } from './errors.ts';
import { checkUploadPath } from './paths.ts';

/** Table functions that read files: their first argument is a path (or a list of paths). */
const FILE_FUNCTIONS = new Set([
  'read_csv',
  'read_csv_auto',
  'sniff_csv',
  'read_parquet',
  'parquet_scan',
  'parquet_metadata',
  'parquet_schema',
  'parquet_file_metadata',
  'parquet_kv_metadata',
  'read_json',
  'read_json_auto',
  'read_ndjson',
  'read_ndjson_auto',
  'read_json_objects',
  'read_json_objects_auto',
  'read_ndjson_objects',
  'read_text',
  'read_blob',
  'glob'
]);
/** Table functions that touch nothing but their arguments. */
const PURE_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest', 'json_each', 'json_tree']);
/** Scalar functions that leak the environment or settings, or change state. */
const BLOCKED_FUNCTIONS = new Set([
  'current_setting',
  'getenv',
  'which_secret',
  'nextval',
  'currval',
  'setval',
  'json_execute_serialized_sql',
  'query',
  'query_table',
  'getvariable',
  'set_variable',
  'read_text',
  'read_blob',
  'sql_auto_complete'
]);
/** Tables no Explore query may read: the credentials. */
export const PRIVATE_TABLES = new Set(['users', 'sessions', 'audit_log', 'load_uploaders']);

export interface Catalog {
  /** name of the attached database file (its catalog), e.g. `radar` */
  database: string;
  /** tables and views of the main schema anyone may query */
  tables: Set<string>;
  /** every table or view name anywhere (system views included), so a CTE cannot shadow one out of scope */
  everyName: Set<string>;
  /** table macros of the main schema (the marts: kpis(as_of, window) ...) */
  macros: Set<string>;
}

export async function readCatalog(connection: DuckDBConnection): Promise<Catalog> {
  const [{ database }] = await queryRows<{ database: string }>(connection, 'select current_database() as database');
  const names = await queryRows<{ database_name: string; schema_name: string; name: string; internal: boolean }>(
    connection,
    `select database_name, schema_name, table_name as name, internal from duckdb_tables()
     union all select database_name, schema_name, view_name, internal from duckdb_views()`
  );
  const macros = await queryRows<{ function_name: string }>(
    connection,
    `select distinct function_name from duckdb_functions()
     where function_type = 'table_macro' and schema_name = 'main' and database_name = current_database()`
  );
  const tables = new Set(
    names
      .filter((n) => n.database_name === database && n.schema_name === 'main' && !n.internal && !PRIVATE_TABLES.has(n.name.toLowerCase()))
      .map((n) => n.name.toLowerCase())
  );
  return {
    database: database.toLowerCase(),
    tables,
    everyName: new Set(names.map((n) => n.name.toLowerCase())),
    macros: new Set(macros.map((m) => m.function_name.toLowerCase()))
  };
}

type Node = Record<string, unknown>;

/**
 * Throws SandboxError unless `sql` is one read-only statement that stays inside the models and the
 * uploads folder. Nothing is bound or executed here: json_serialize_sql only parses.
 */
export async function checkQuery(connection: DuckDBConnection, sql: string, catalog: Catalog, uploadsDir: string): Promise<void> {
  const extracted = await connection.extractStatements(sql).catch((error: unknown) => {
    throw new SandboxError(firstLine(error));
  });
  if (extracted.count !== 1) throw new SandboxError(`send exactly one statement (this text holds ${extracted.count})`);

  const [{ tree }] = await queryRows<{ tree: string }>(connection, 'select json_serialize_sql($1::varchar) as tree', [sql]);
  const parsed = JSON.parse(tree) as { error: boolean; error_message?: string; statements?: Node[] };
  if (parsed.error) {
    const message = parsed.error_message ?? 'the statement could not be parsed';
    throw new SandboxError(
      /only select/i.test(message) ? 'Explore runs read-only queries only (SELECT, WITH ... SELECT, VALUES, FROM ..., PIVOT)' : message
    );
  }
  if (parsed.statements?.length !== 1) throw new SandboxError('send exactly one statement');

  const cteNames = new Set<string>();
  collect(parsed.statements[0], (node) => {
    const map = (node.cte_map as { map?: { key: string }[] } | undefined)?.map;
    for (const entry of map ?? []) cteNames.add(entry.key.toLowerCase());
  });
  collect(parsed.statements[0], (node) => checkNode(node, { catalog, cteNames, uploadsDir }));
}

interface Scope {
  catalog: Catalog;
  cteNames: Set<string>;
  uploadsDir: string;
}

function checkNode(node: Node, scope: Scope): void {
  if (node.type === 'BASE_TABLE') return checkTable(node, scope);
  // SHOW TABLES, SHOW ALL TABLES, a bare DESCRIBE: a listing of the whole catalogue, auth tables
  // and their columns included (issue 14). DESCRIBE/SUMMARIZE of a query carry it and are checked.
  if (node.type === 'SHOW_REF' && !node.query) {
    throw new SandboxError(
      'SHOW and a bare DESCRIBE list every table, so Explore does not run them; GET /api/explore/sources lists what can be queried'
    );
  }
  if (node.type === 'TABLE_FUNCTION') return checkTableFunction(node.function as Node, scope);
  if (node.class === 'FUNCTION' && typeof node.function_name === 'string') {
    const name = node.function_name.toLowerCase();
    if (BLOCKED_FUNCTIONS.has(name) || name.startsWith('duckdb_') || name.startsWith('pragma_')) {
      throw new SandboxError(`function ${name} is not allowed in Explore`);
    }
  }
}

function checkTable(node: Node, { catalog, cteNames, uploadsDir }: Scope): void {
  const name = String(node.table_name);
  const lower = name.toLowerCase();
  const schema = String(node.schema_name ?? '').toLowerCase();
  const database = String(node.catalog_name ?? '').toLowerCase();
  // FROM 'file.csv' is a replacement scan: a path in a table's place
  if (/[/\\.]/.test(name) && !schema && !database) {
    checkUploadPath(name, uploadsDir);
    return;
  }
  if (PRIVATE_TABLES.has(lower)) throw new SandboxError(`table ${name} is not available in Explore`);
  if (database && database !== catalog.database)
    throw new SandboxError(`only the Receivables Radar database can be queried, not ${database}`);
  if (schema && schema !== 'main') throw new SandboxError(`only the models (schema main) can be queried, not ${schema}.${name}`);
  if (!schema && !database && cteNames.has(lower) && !catalog.everyName.has(lower)) return;
  if (catalog.tables.has(lower)) return;
  throw new SandboxError(`table ${name} does not exist or is not available in Explore (GET /api/explore/sources lists what is)`);
}

function checkTableFunction(fn: Node, { catalog, uploadsDir }: Scope): void {
  const name = String(fn.function_name).toLowerCase();
  const schema = String(fn.schema ?? '').toLowerCase();
  const database = String(fn.catalog ?? '').toLowerCase();
  if ((schema && schema !== 'main') || (database && database !== catalog.database)) {
    throw new SandboxError(`table function ${database ? database + '.' : ''}${schema}.${name} is not allowed in Explore`);
  }
  if (PURE_TABLE_FUNCTIONS.has(name) || catalog.macros.has(name)) return;
  if (!FILE_FUNCTIONS.has(name)) throw new SandboxError(`table function ${name} is not allowed in Explore`);
  const first = (fn.children as Node[] | undefined)?.[0];
  const paths = first ? constantStrings(first) : null;
  if (!paths || paths.length === 0) throw new SandboxError(`${name}: give the file path as a quoted string (or a list of them)`);
  for (const path of paths) checkUploadPath(path, uploadsDir);
}

/** A VARCHAR constant, or a list_value of them; null when the argument is computed. */
function constantStrings(node: Node): string[] | null {
  if (node.class === 'CONSTANT') {
    const value = node.value as { is_null: boolean; value: unknown; type: { id: string } };
    return !value.is_null && value.type.id === 'VARCHAR' && typeof value.value === 'string' ? [value.value] : null;
  }
  if (node.class === 'FUNCTION' && node.function_name === 'list_value') {
    const parts = (node.children as Node[]).map(constantStrings);
    return parts.every((p) => p !== null) ? (parts.flat() as string[]) : null;
  }
  return null;
}

/** Calls `visit` on every object of the tree, depth first. */
function collect(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, visit);
  } else if (value && typeof value === 'object') {
    visit(value as Node);
    for (const child of Object.values(value)) collect(child, visit);
  }
}
