// A real server process for tests that need one (signals, restarts, concurrency): `node --import
// tsx server/index.ts` as one process (the tsx wrapper cannot forward SIGKILL), on a free port,
// with a database whose base ledger the CLI loaded (so no demo seed is generated).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedger, type GeneratedLedger } from '../data/generator/index.ts';

export const TOKEN = 'hardening-test-token';
export const auth = { authorization: `Bearer ${TOKEN}` };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Loads CSV files into a database with the CLI. */
export function cliIngest(db: string, files: string[]): void {
  execFileSync(join('node_modules', '.bin', 'tsx'), ['server/cli.ts', 'ingest', ...files, '--db', db], { stdio: 'ignore' });
}

export interface RunningServer {
  base: string;
  process: ChildProcess;
  log(): string;
  /** resolves with how the process ended and how long after the call */
  exited: Promise<{ code: number | null; signal: string | null; at: number }>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts the server on `dir` (its database and uploads folder); `env` adds or overrides variables (a token of its own, say). */
export async function startServer(dir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      RADAR_DB: join(dir, 'radar.duckdb'),
      RADAR_UPLOADS: join(dir, 'uploads'),
      RADAR_API_TOKEN: TOKEN,
      RADAR_ADMIN_PASSWORD: 'hardening-admin-password',
      ...env
    },
    stdio: ['ignore', 'ignore', 'pipe']
  });
  child.stderr!.on('data', (chunk) => (log += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() }))
  );
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${base}/api/ledger`, { headers: { authorization: `Bearer ${env.RADAR_API_TOKEN ?? TOKEN}` } }).then(
        (r) => r.ok,
        () => false
      )
    ) {
      return { base, process: child, log: () => log, exited, kill: (signal) => child.kill(signal) };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start:\n${log}`);
}

/** SIGKILL if still running, and wait for the end. */
export async function stopServer(server: RunningServer | undefined): Promise<void> {
  if (!server || server.process.exitCode !== null || server.process.signalCode !== null) return;
  server.kill('SIGKILL');
  await server.exited;
}

/**
 * A new temporary folder (`prefix` and a random tail) whose radar.duckdb holds a generated ledger's
 * `tables`, loaded with the CLI as an operator would, so the server starts on it without seeding
 * the demo. The generated files stay in <folder>/base.
 */
export async function folderWithLedger(
  prefix: string,
  options: { invoices: number; seed: number },
  tables: readonly (keyof GeneratedLedger['files'])[]
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const ledger = await generateLedger({ out: join(dir, 'base'), ...options });
  cliIngest(
    join(dir, 'radar.duckdb'),
    tables.map((t) => ledger.files[t])
  );
  return dir;
}
