// The weekly digest sent through an SMTP server this test starts on loopback (smtp-server): the CLI
// sends it, the scheduled job sends it, and the message carries the figures of /api/review and
// /api/aging for that week, the chart as an inline SVG image.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db.ts';
import type { ReviewReport } from '../../server/contracts/dashboard.ts';
import type { AgingReport } from '../../server/contracts/reports.ts';
import { scheduleDigest } from '../../server/digest/schedule.ts';
import { openFixtureDb } from '../../support/databases.ts';
import { mimePart, openMailbox, type Mailbox } from '../helpers/mailbox.ts';

let mailbox: Mailbox;
let dir = '';
let dbPath = '';

/** The CLI in a child process; asynchronous, so this process's SMTP server keeps answering. */
function cli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'server/cli.ts', 'digest', '--db', dbPath, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radar-digest-'));
  dbPath = join(dir, 'radar.duckdb');
  (await openFixtureDb(dbPath, { invoices: 3_000 })).close();
  mailbox = await openMailbox();
});

afterAll(async () => {
  await mailbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('weekly digest', () => {
  it('is sent by the CLI and arrives with the figures of the API', async () => {
    const sent = await cli(['--to', 'controller@example.test', '--json'], {
      RADAR_SMTP_URL: mailbox.url,
      RADAR_DIGEST_FROM: 'radar@example.test'
    });
    expect(sent.stderr).toBe('');
    expect(sent.status).toBe(0);
    const summary = JSON.parse(sent.stdout) as { week_end: string; to: string[]; subject: string };
    expect(summary.to).toEqual(['controller@example.test']);
    expect(mailbox.received).toHaveLength(1);
    const [message] = mailbox.received;
    expect(message.to).toEqual(['controller@example.test']);
    expect(message.raw).toContain(`Subject: ${summary.subject}`);
    // the chart is an inline image the HTML refers to by cid
    expect(message.raw).toMatch(/Content-Type: image\/svg\+xml/);
    expect(message.raw).toContain('Content-ID: <aging-chart@radar>');

    // the same week's figures through the API
    const { Database } = await import('../../server/db.ts');
    const db: Database = await Database.open(dbPath);
    try {
      const app = createApp({ db, auth: 'disabled' });
      const review = (await (await app.request(`/api/review?week_end=${summary.week_end}&weeks=14`)).json()) as ReviewReport;
      const aging = (await (await app.request(`/api/aging?as_of=${summary.week_end}`)).json()) as AgingReport;
      const week = review.points.at(-1)!;
      expect(week.period_end).toBe(summary.week_end);
      const html = mimePart(message.raw, /text\/html/).toString('utf8');
      expect(html).toContain(
        `<td style="padding:4px 10px;border-bottom:1px solid #e5e7eb;text-align:right;font-variant-numeric:tabular-nums;" data-kpi="ar">${money(week.ar)}</td>`
      );
      expect(html).toContain(`data-kpi="cash_collected">${money(week.cash_collected)}</td>`);
      expect(html).toContain(`data-kpi="dso">${week.dso!.toFixed(1)} days</td>`);
      expect(html).toContain(`data-aging="total">${money(aging.total)}</td>`);
      // the credits line, so the lines add up to the total; the currency the figures are in
      expect(html).toContain(`data-aging="credits">${money(aging.credits.balance)}</td>`);
      // (each line is rounded to cents on its own: the sum of the lines may be a few cents off the total)
      expect(aging.buckets.reduce((sum, b) => sum + b.balance, aging.credits.balance)).toBeCloseTo(aging.total, 1);
      expect(html).toContain(`Aging at ${summary.week_end}, in ${aging.currency}`);
      for (const bucket of aging.buckets)
        expect(html).toContain(
          `${money(bucket.balance)}</td><td style="padding:4px 10px;border-bottom:1px solid #e5e7eb;text-align:right;font-variant-numeric:tabular-nums;">${bucket.invoices}</td>`
        );
      expect(html).toContain('src="cid:aging-chart@radar"');
    } finally {
      db.close();
    }
  }, 120_000);

  it('says what is missing without an SMTP server or a recipient, and refuses a bad address', async () => {
    const run = (args: string[], env: Record<string, string> = {}) => cli(args, { RADAR_SMTP_URL: '', RADAR_DIGEST_TO: '', ...env });
    const noServer = await run(['--to', 'a@example.test']);
    expect(noServer.status).toBe(1);
    expect(noServer.stderr).toMatch(/RADAR_SMTP_URL is not set/);
    expect((await run([], { RADAR_SMTP_URL: mailbox.url })).stderr).toMatch(/no recipient: pass --to ADDRESS or set RADAR_DIGEST_TO/);
    const bad = await run(['--to', 'not an address'], { RADAR_SMTP_URL: mailbox.url });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--to: "not an address" is not an e-mail address/);
  }, 240_000);

  it('is sent by the server itself on RADAR_DIGEST_SCHEDULE', async () => {
    const { Database } = await import('../../server/db.ts');
    const db: Database = await Database.open(dbPath);
    const before = mailbox.received.length;
    const env = {
      RADAR_SMTP_URL: process.env.RADAR_SMTP_URL,
      RADAR_DIGEST_TO: process.env.RADAR_DIGEST_TO,
      RADAR_DIGEST_SCHEDULE: process.env.RADAR_DIGEST_SCHEDULE
    };
    Object.assign(process.env, { RADAR_SMTP_URL: mailbox.url, RADAR_DIGEST_TO: 'team@example.test', RADAR_DIGEST_SCHEDULE: '* * * * * *' });
    const logs: string[] = [];
    const job = scheduleDigest(db, (line) => logs.push(line));
    try {
      expect(job).not.toBeNull();
      await expect.poll(() => mailbox.received.length, { timeout: 20_000 }).toBeGreaterThan(before);
      expect(mailbox.received[before].to).toEqual(['team@example.test']);
      await expect.poll(() => logs.some((line) => line.startsWith('weekly digest for ')), { timeout: 5_000 }).toBe(true);
    } finally {
      job?.stop();
      for (const [key, value] of Object.entries(env))
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      db.close();
    }
  });
});
