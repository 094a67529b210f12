// Every environment variable the server, the CLI and the tests read, in one place: its name, its
// default, one line saying what it does, and how its text becomes a value. Modules read `config`,
// never process.env; a variable is read when it is used (tests change some between cases).
// README.md's table of variables is checked against this list (test/unit/config.test.ts).
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Variable<T> {
  /** the environment variable */
  name: string;
  /** the default, as the README shows it */
  default: string;
  /** one line for the README */
  description: string;
  /** the value from the variable's text (undefined when unset) */
  parse: (text: string | undefined) => T;
}

const variable = <T>(name: string, defaultText: string, description: string, parse: (text: string | undefined) => T): Variable<T> => ({
  name,
  default: defaultText,
  description,
  parse
});

/** The number in the text if it is at least `min`; the fallback when unset, empty or anything else. */
function number(text: string | undefined, fallback: number, min = Number.MIN_VALUE): number {
  const value = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(value) && value >= min ? value : fallback;
}
const positive = (text: string | undefined, fallback: number) => number(text, fallback);
/** The text when set and not empty: a variable with no default. */
const optional = (text: string | undefined) => text || undefined;
/** On only when `1`. */
const on = (text: string | undefined) => text === '1';

/** Bytes of a plain number or one with k/m/g (`500m`, `2GB`); the fallback when unset or unreadable. */
export function bytes(text: string | undefined, fallback: number): number {
  const match = text ? /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/.exec(text.trim().toLowerCase()) : null;
  if (!match) return fallback;
  return Math.floor(Number(match[1]) * 1024 ** 'xkmg'.indexOf(match[2] || 'x'));
}

/** 60 % of the machine's memory, at most 2.5 GB: room for Node and the OS beside DuckDB. */
function defaultMemoryLimit(): string {
  const megabytes = Math.min(2560, Math.floor((totalmem() / 1024 / 1024) * 0.6));
  return `${megabytes}MB`;
}

/** A three-letter currency code, upper-cased; USD when unset. Any other text is refused, never guessed. */
function currencyCode(text: string | undefined): string {
  const code = text?.trim().toUpperCase();
  if (!code) return 'USD';
  if (!/^[A-Z]{3}$/.test(code))
    throw new Error(`RADAR_CURRENCY must be a three-letter currency code such as USD or EUR, got ${JSON.stringify(text)}`);
  return code;
}

export const DEFAULT_DB_PATH = 'data/radar.duckdb';

export const VARIABLES = {
  port: variable('PORT', '`8080`', 'the port the server listens on (`0`: any free port)', (text) => number(text, 8080, 0)),
  host: variable('HOST', '`127.0.0.1`', 'the address the server listens on (`0.0.0.0` for every interface)', (text) => text || '127.0.0.1'),
  dbPath: variable(
    'RADAR_DB',
    `\`${DEFAULT_DB_PATH}\``,
    'the database file (the CLI also takes `--db`)',
    (text) => text || DEFAULT_DB_PATH
  ),
  uploadsDir: variable('RADAR_UPLOADS', '`data/uploads`', 'where uploaded files are kept (Explore can query them)', (text) =>
    resolve(text || 'data/uploads')
  ),
  homeCurrency: variable(
    'RADAR_CURRENCY',
    '`USD`',
    'the home currency: of amounts without a currency, of reports without `currency=`, and the base of a rates file without a base column',
    (text) => currencyCode(text)
  ),
  agingBuckets: variable(
    'RADAR_AGING_BUCKETS',
    '`sql/seeds/aging_buckets.csv`',
    'a CSV of aging buckets replacing the default edges (each day past due in exactly one)',
    (text) => text || join(REPOSITORY, 'sql', 'seeds', 'aging_buckets.csv')
  ),
  adminPassword: variable(
    'RADAR_ADMIN_PASSWORD',
    'generated and printed once',
    "the first admin's password, used when no user exists yet",
    optional
  ),
  apiToken: variable('RADAR_API_TOKEN', 'none', 'an admin token for automation: `Authorization: Bearer TOKEN`', optional),
  sessionHours: variable('RADAR_SESSION_HOURS', '`12`', 'how long a sign-in lasts, in hours', (text) => positive(text, 12)),
  secureCookies: variable('RADAR_SECURE_COOKIES', 'off', '`1` marks session cookies Secure even over plain HTTP (behind a TLS proxy)', on),
  uploadLimit: variable('RADAR_UPLOAD_LIMIT', '`1g`', 'the largest upload, in bytes or with k/m/g', (text) => bytes(text, 1024 ** 3)),
  memoryLimit: variable(
    'RADAR_MEMORY_LIMIT',
    '60 % of RAM, at most 2.5 GB',
    "DuckDB's memory limit (`4GB`, `800MB`); `1.5GB` keeps the load and rebuild of 10 M invoices under 2 GB of RSS at no cost in time, `1GB` keeps the rebuild under 1.3 GB, a fifth slower (docs/benchmarks.md)",
    (text) => text || defaultMemoryLimit()
  ),
  readConnections: variable('RADAR_READ_CONNECTIONS', '`4`', 'DuckDB connections that serve reads in parallel', (text) =>
    Math.max(1, Math.floor(positive(text, 4)))
  ),
  readTimeoutMs: variable('RADAR_READ_TIMEOUT_MS', '`30000`', 'a read (GET) taking longer answers 503', (text) => positive(text, 30_000)),
  requestTimeoutMs: variable(
    'RADAR_REQUEST_TIMEOUT_MS',
    '`1800000` (30 min)',
    'a whole request, an upload included, must arrive within this',
    (text) => positive(text, 30 * 60 * 1000)
  ),
  queryTimeoutMs: variable('RADAR_QUERY_TIMEOUT_MS', '`10000`', 'an Explore query is interrupted after this', (text) =>
    positive(text, 10_000)
  ),
  exploreConcurrency: variable(
    'RADAR_EXPLORE_CONCURRENCY',
    '`2`',
    'Explore queries running at once; the rest answer 429 with Retry-After',
    (text) => Math.max(1, Math.floor(positive(text, 2)))
  ),
  exploreMaxBytes: variable(
    'RADAR_EXPLORE_MAX_BYTES',
    '`64m`',
    'the most an Explore result may hold; more answers 413 "result too large"',
    (text) => bytes(text, 64 * 1024 ** 2)
  ),
  previewTimeoutMs: variable('RADAR_PREVIEW_TIMEOUT_MS', '`20000`', 'an upload preview is stopped after this', (text) =>
    positive(text, 20_000)
  ),
  maxFileRows: variable(
    'RADAR_MAX_FILE_ROWS',
    '`100000000`',
    'the most rows one uploaded file may hold (a Parquet footer claiming more is refused)',
    (text) => positive(text, 100_000_000)
  ),
  jsonLimit: variable('RADAR_JSON_LIMIT', '`1m`', 'the largest body of a JSON route (uploads have RADAR_UPLOAD_LIMIT)', (text) =>
    bytes(text, 1024 ** 2)
  ),
  trustProxy: variable('RADAR_TRUST_PROXY', 'off', '`1` takes the client address from X-Forwarded-For (sign-in limits, audit trail)', on),
  smtpUrl: variable(
    'RADAR_SMTP_URL',
    'none',
    'the SMTP server the weekly digest is sent through (`smtp://user:pass@host:587`, `smtps://…`)',
    optional
  ),
  digestTo: variable(
    'RADAR_DIGEST_TO',
    'none',
    'who gets the weekly digest: addresses separated by commas (the CLI also takes `--to`)',
    (text) =>
      (text ?? '')
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean)
  ),
  digestFrom: variable(
    'RADAR_DIGEST_FROM',
    '`Receivables Radar <radar@localhost>`',
    'the sender of the weekly digest',
    (text) => text || 'Receivables Radar <radar@localhost>'
  ),
  digestSchedule: variable(
    'RADAR_DIGEST_SCHEDULE',
    'none',
    'a cron expression (`0 7 * * 1`: Mondays at 07:00): the server sends the weekly digest itself',
    optional
  ),
  sharedData: variable(
    'RADAR_SHARED_DATA',
    'a `shared/data` folder beside the clone',
    "tests only: the folder of the project's shared sample files",
    optional
  )
};

type Variables = typeof VARIABLES;
export type Config = { readonly [K in keyof Variables]: ReturnType<Variables[K]['parse']> };

/** The settings of an environment (process.env unless given), each read when it is used. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = {} as Config;
  for (const [key, entry] of Object.entries(VARIABLES) as [keyof Variables, Variable<unknown>][]) {
    Object.defineProperty(config, key, { enumerable: true, get: () => entry.parse(env[entry.name]) });
  }
  return config;
}

export const config: Config = readConfig();
