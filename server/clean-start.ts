// What a killed process leaves behind, removed at start (issue 14 #7): upload folders of loads
// that never committed, DuckDB's spill folder (`<db>.tmp`) and this server's own temp folders of
// processes that no longer run. Each removal is logged by the caller.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeUncommitted } from './uploads-folder.ts';

/** radar-server-<pid>-XXXXXX: security.ts privateTempDir names its folder after the process. */
const OWN_TEMP = /^radar-server-(\d+)-/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

export interface Removed {
  path: string;
  bytes: number;
  why: string;
}

/**
 * Call once the database is open (its lock held: no other process uses its spill folder) and
 * before the server takes requests (no upload is under way).
 */
export function cleanStart(dbPath: string, uploadsDir: string, systemTemp = tmpdir()): Removed[] {
  const removed: Removed[] = [];
  const remove = (path: string, why: string) => {
    const bytes = sizeOf(path);
    rmSync(path, { recursive: true, force: true });
    removed.push({ path, bytes, why });
  };
  const spill = `${dbPath}.tmp`;
  if (dbPath !== ':memory:' && existsSync(spill)) remove(spill, "DuckDB's spill folder of an earlier process");
  for (const folder of removeUncommitted(uploadsDir, (path) => sizeOf(path)))
    removed.push({ ...folder, why: 'upload that never committed' });
  for (const name of existsSync(systemTemp) ? readdirSync(systemTemp) : []) {
    const pid = OWN_TEMP.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid)))
      remove(join(systemTemp, name), `temp folder of process ${pid}, which no longer runs`);
  }
  return removed;
}
