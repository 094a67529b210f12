import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAgingBuckets } from '../../server/models.ts';

const dir = mkdtempSync(join(tmpdir(), 'aging-buckets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'bucket,bucket_order,min_days_past_due,max_days_past_due';
const bucketsFile = (name: string, ...rows: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
  return path;
};

describe('aging buckets (RADAR_AGING_BUCKETS)', () => {
  it('reads the default file: six buckets from current to 120+', () => {
    const buckets = readAgingBuckets(join(import.meta.dirname, '../../sql/seeds/aging_buckets.csv'));
    expect(buckets.map((b) => [b.bucket, b.min_days_past_due, b.max_days_past_due])).toEqual([
      ['current', null, 0],
      ['1-30', 1, 30],
      ['31-60', 31, 60],
      ['61-90', 61, 90],
      ['91-120', 91, 120],
      ['120+', 121, null]
    ]);
  });

  it('takes the rows in bucket_order, whatever their order in the file', () => {
    const path = bucketsFile('shuffled.csv', 'late,1,1,', 'current,0,,0');
    expect(readAgingBuckets(path).map((b) => b.bucket)).toEqual(['late', 'current']);
  });

  it('refuses a day past due in no bucket, naming the row and the edge it needs', () => {
    // 31-60 starts at 32: day 31 would be in no bucket (counted in the customer's balance, in no aging line)
    const path = bucketsFile('gap.csv', 'current,0,,0', '1-30,1,1,30', '31-60,2,32,60', '60+,3,61,');
    expect(() => readAgingBuckets(path)).toThrow(`${path} row 4: min_days_past_due must be 31 (the day after bucket "1-30" ends)`);
  });

  it('refuses a day in two buckets', () => {
    const path = bucketsFile('overlap.csv', 'current,0,,0', '0-30,1,0,30', '30+,2,31,');
    expect(() => readAgingBuckets(path)).toThrow(`${path} row 3: min_days_past_due must be 1`);
  });

  it('refuses buckets that do not reach down to current or up to the oldest', () => {
    const noFloor = bucketsFile('no-floor.csv', '0-30,0,0,30', '30+,1,31,');
    expect(() => readAgingBuckets(noFloor)).toThrow(
      `${noFloor} row 2: the first bucket (by bucket_order) must have an empty min_days_past_due`
    );
    const noCeiling = bucketsFile('no-ceiling.csv', 'current,0,,0', '1-30,1,1,30');
    expect(() => readAgingBuckets(noCeiling)).toThrow(
      `${noCeiling} row 3: the last bucket (by bucket_order) must have an empty max_days_past_due`
    );
  });
});
