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
import type { Database } from '../../server/db.ts';
import { ledgerDatabase } from '../../support/databases.ts';
import { mimePart, openMailbox, type Mailbox } from '../helpers/mailbox.ts';
import { customer, invoice, ledger } from '../helpers/rows.ts';

const SHOTS = 'artifacts/screenshots';
let mailbox: Mailbox;
let db: Database;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mailbox = await openMailbox();
  // config reads the environment when it is first imported
  process.env.RADAR_SMTP_URL = mailbox.url;
  db = await ledgerDatabase(
    ledger({
      customers: [customer('A', 'Acme', 'Ann')],
      invoices: [
        invoice('IA1', 'A', '2024-05-01', '2024-05-31', '1000.00').paid('Y1', '2024-06-05', '300.00').paid('Y2', '2024-06-20', '200.00'),
        invoice('IA2', 'A', '2024-06-10', '2024-07-10', '400.00')
      ]
    })
  );
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  db?.close();
  await mailbox.close();
});

describe('the weekly digest in a browser', () => {
  it('arrives and renders its chart and its hand-worked aging', async () => {
    const { sendDigest } = await import('../../server/digest/send.ts');
    const sent = await sendDigest(db, { week: '2024-06-30', to: ['controller@example.test'] });
    expect(sent.week_end).toBe('2024-06-30');
    expect(mailbox.received).toHaveLength(1);
    const [{ raw }] = mailbox.received;

    // what a mail client does with cid: the image part of the message stands in for the reference
    const svg = mimePart(raw, /image\/svg\+xml/);
    const html = mimePart(raw, /text\/html/).toString('utf8');
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
