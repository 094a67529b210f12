// The weekly digest as a mail reader shows it (issue 11 #8): sent through an SMTP server this test
// starts on loopback, then the received HTML opened in Chromium with its inline chart (the cid
// image of the message, as a mail client resolves it). test/digest.test.ts checks the figures
// against the API on a generated ledger; this checks the message renders, on a hand-worked one:
//
//   invoices  IA1 A 1000 due 05-31 · IA2 A 400 due 07-10; payments on IA1: 300 on 06-05, 200 on 06-20
//   aging at 2024-06-30: IA1 1000 − 500 = 500, 30 days past due → 1-30; IA2 400 → current; total 900
//   cash collected in the week 06-24 … 06-30: nothing; the week before: 200, so the change is −200
// Screenshots at 1280×800 and 390 px wide go to artifacts/screenshots/digest-*.png.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';

const SHOTS = 'artifacts/screenshots';
let smtp: SMTPServer;
let db: Database;
let browser: Browser;
const received: string[] = [];

/** One MIME part's decoded body, found by its Content-Type. */
function part(raw: string, type: RegExp): Buffer {
  const found = new RegExp(
    `Content-Type: ${type.source}[^]*?Content-Transfer-Encoding: ([^\\r\\n]+)[^]*?\\r\\n\\r\\n([^]*?)\\r\\n--`,
    'i'
  ).exec(raw);
  if (!found) throw new Error(`no ${type.source} part`);
  const [, encoding, body] = found;
  if (encoding.trim().toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  return Buffer.from(
    body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1'
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    }
  });
  const port = await new Promise<number>((resolve) =>
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port))
  );
  // config reads the environment when it is first imported
  process.env.RADAR_SMTP_URL = `smtp://127.0.0.1:${port}`;
  db = await ledgerDatabase({
    customers: [{ customer_id: 'A', name: 'Acme', collector: 'Ann' }],
    invoices: [
      { invoice_id: 'IA1', customer_id: 'A', invoice_date: '2024-05-01', due_date: '2024-05-31', amount: '1000.00' },
      { invoice_id: 'IA2', customer_id: 'A', invoice_date: '2024-06-10', due_date: '2024-07-10', amount: '400.00' }
    ],
    payments: [
      { payment_id: 'Y1', invoice_id: 'IA1', payment_date: '2024-06-05', amount: '300.00' },
      { payment_id: 'Y2', invoice_id: 'IA1', payment_date: '2024-06-20', amount: '200.00' }
    ]
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  db?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('the weekly digest in a browser', () => {
  it('arrives and renders its chart and its hand-worked aging', async () => {
    const { sendDigest } = await import('../../server/digest/send.ts');
    const sent = await sendDigest(db, { week: '2024-06-30', to: ['controller@example.test'] });
    expect(sent.week_end).toBe('2024-06-30');
    expect(received).toHaveLength(1);
    const [raw] = received;

    // what a mail client does with cid: the image part of the message stands in for the reference
    const svg = part(raw, /image\/svg\+xml/);
    const html = part(raw, /text\/html/).toString('utf8');
    expect(html).toContain('src="cid:aging-chart@radar"');
    const file = join(tmpdir(), `radar-digest-${process.pid}.html`);
    writeFileSync(file, html.replace('cid:aging-chart@radar', `data:image/svg+xml;base64,${svg.toString('base64')}`));

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${file}`);
    const image = page.locator('img[alt^="Bar chart"]');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(560);
    const aging = (line: string) => page.locator(`td[data-aging="${line}"]`).textContent();
    expect(await aging('total')).toBe('900.00');
    expect(await aging('credits')).toBe('0.00');
    const rows = await page.$$eval('tr', (trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
    expect(rows).toContainEqual(['current', '400.00', '1']);
    expect(rows).toContainEqual(['1-30', '500.00', '1']);
    expect(await page.locator('td[data-kpi="ar"]').textContent()).toBe('900.00');
    // no payment in 06-24 … 06-30; the week before had IA1's 200 of 06-20
    expect(rows).toContainEqual(['Cash collected', '0.00', '−200.00']);
    for (const [width, height, tag] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone']
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(SHOTS, `digest-${tag}.png`), fullPage: true });
    }
    // the chart's title stands clear of every other text of the chart (the top axis label once sat on it)
    await page.setContent(svg.toString('utf8'));
    const texts = await page.$$eval('text', (nodes) =>
      nodes.map((node) => ({
        text: node.textContent ?? '',
        top: node.getBoundingClientRect().top,
        bottom: node.getBoundingClientRect().bottom
      }))
    );
    const title = texts.find((t) => t.text.startsWith('Open balance'))!;
    const highest = Math.min(...texts.filter((t) => t !== title).map((t) => t.top));
    expect(title.bottom).toBeLessThanOrEqual(highest);
    await page.close();
    rmSync(file, { force: true });
  }, 120_000);
});
