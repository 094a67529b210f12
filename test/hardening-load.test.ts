// A short, bounded run of bench/load-test.ts: 8 parallel readers against the real server while an
// upload of 30,000 invoices runs. No errors, every answer the state before or after, p95 reported.
import { describe, expect, it } from 'vitest';
import { runLoadTest } from '../bench/load-test.ts';

describe('parallel readers during an upload', () => {
  it('answer without errors and always with the state before or after the load', async () => {
    const result = await runLoadTest({ readers: 8, baseInvoices: 5000, uploadInvoices: 30_000 });
    console.error(`load test: ${result.requests} reads by ${result.readers} readers during a ${result.uploadMs} ms upload; p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms; before ${result.sawBefore}, after ${result.sawAfter}`);
    expect(result.uploadStatus).toBe(200);
    expect(result.errors).toEqual([]);
    expect(result.inconsistent).toEqual([]);
    expect(result.requests).toBeGreaterThan(20);
  }, 300_000);
});
