// The uploads folder refusing a file (issue 14 #9): not writable (EPERM, here an immutable folder:
// root writes through plain permissions) and full (ENOSPC, a 256 kB tmpfs) answer 503 in words,
// with nothing loaded; before, both were a 500 "internal error". Needs root (chattr, mount): as
// the project's machines and CI run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';

let dir = '';
let db: Database;
const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'ignore' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-disk-'));
  db = await ledgerDatabase({
    invoices: [{ invoice_id: 'I1', customer_id: 'C1', invoice_date: '2024-05-01', due_date: '2024-06-20', amount: '800.00' }]
  });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(uploadsDir: string, text: string) {
  const app = createApp({ db, uploadsDir, auth: 'disabled' });
  const form = new FormData();
  form.append('files', new Blob([text]), 'invoices.csv');
  form.append('as', 'invoices');
  const response = await app.request('/api/uploads', { method: 'POST', body: form });
  return { status: response.status, error: ((await response.json()) as { error: string }).error };
}
const invoices = async () => (await db.read<{ n: string }>('select count(*) as n from invoices'))[0]!.n;
const CSV = 'invoice_id,customer_id,invoice_date,due_date,amount\nI2,C1,2024-06-01,2024-07-01,120.00\n';

describe('the uploads folder refuses the file', () => {
  it('not allowed to write (EPERM): 503 in words, nothing loaded', async () => {
    const folder = join(dir, 'immutable');
    mkdirSync(folder);
    run('chattr', ['+i', folder]);
    try {
      const answer = await upload(folder, CSV);
      expect(answer.status).toBe(503);
      expect(answer.error).toBe(
        'the server could not save the uploaded file in the uploads folder: the server is not allowed to write there (EPERM); nothing was loaded, try again once the folder takes writes'
      );
      expect(await invoices()).toBe('1');
    } finally {
      run('chattr', ['-i', folder]);
    }
  });

  it('full (ENOSPC): 503 in words, nothing loaded, nothing left behind', async () => {
    const folder = join(dir, 'tiny');
    mkdirSync(folder);
    run('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', folder]);
    try {
      const answer = await upload(folder, CSV + 'I3,C1,2024-06-01,2024-07-01,120.00\n'.repeat(20_000));
      expect(answer.status).toBe(503);
      expect(answer.error).toMatch(
        /^the server could not save the uploaded file in the uploads folder: the disk is full \(ENOSPC\); nothing was loaded/
      );
      expect(await invoices()).toBe('1');
      expect(execFileSync('ls', ['-A', folder]).toString().trim()).toBe('');
    } finally {
      run('umount', [folder]);
    }
  });
});
