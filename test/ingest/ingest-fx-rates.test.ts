// fx_rates: the long shape (rate_date, currency, units_per_base[, base]) and the ECB's own wide files,
// each checked row by row and against the rates already loaded (metrics.md "Currencies").
import { afterEach, describe, expect, it } from 'vitest';
import { ingestFiles, undoLoad, type IngestOptions, type SourceFile } from '../../server/ingest/index.ts';
import { count, freshEachTest, rows, writeSource } from '../fixtures/ingest/helpers.ts';

const fresh = freshEachTest();
afterEach(() => {
  delete process.env.RADAR_CURRENCY;
});

const ecb = (name: string): SourceFile => ({ path: new URL(`../fixtures/fx/${name}`, import.meta.url).pathname, name });
const ingest = (files: SourceFile[], options: IngestOptions = {}) => ingestFiles(fresh.connection, files, options);
const rates = (where = 'true') =>
  rows<{ d: string; currency: string; rate: string; base: string; row: number }>(
    fresh.db,
    `select rate_date::varchar as d, currency, units_per_base::varchar as rate, base, source_row::int as row
   from fx_rates where ${where} order by rate_date, currency`
  );

describe('the ECB history file (eurofxref-hist.csv, wide)', () => {
  it('is detected from its header and becomes one row per day and quoted currency, base EUR', async () => {
    const result = await ingest([ecb('eurofxref-hist.csv')]);
    // 41 currency columns, 12 of them N/A every day (CYP, EEK, LTL, LVL, MTL, ROL, SIT, SKK, TRL, HRK,
    // RUB, BGN): 29 quoted on each of 4 days, less ISK on 2026-11-25 (N/A) = 115
    expect(result).toEqual({ loaded: { fx_rates: 115 }, rejected: [], loadIds: [1] });
    expect(await rows(fresh.db, `select distinct base from fx_rates`)).toEqual([{ base: 'EUR' }]);
    expect(await rates(`currency in ('USD', 'GBP')`)).toEqual([
      { d: '2026-11-23', currency: 'GBP', rate: '0.84100000', base: 'EUR', row: 5 },
      { d: '2026-11-23', currency: 'USD', rate: '1.03800000', base: 'EUR', row: 5 },
      { d: '2026-11-24', currency: 'GBP', rate: '0.84250000', base: 'EUR', row: 4 },
      { d: '2026-11-24', currency: 'USD', rate: '1.04500000', base: 'EUR', row: 4 },
      { d: '2026-11-25', currency: 'GBP', rate: '0.84500000', base: 'EUR', row: 3 },
      { d: '2026-11-25', currency: 'USD', rate: '1.04000000', base: 'EUR', row: 3 },
      { d: '2026-11-26', currency: 'GBP', rate: '0.84000000', base: 'EUR', row: 2 },
      { d: '2026-11-26', currency: 'USD', rate: '1.05000000', base: 'EUR', row: 2 }
    ]);
    // N/A is a day without a quote, not a rate: ISK has 3 rows, the discontinued currencies none
    expect(await rates(`currency = 'ISK'`)).toHaveLength(3);
    expect(await rows(fresh.db, `select count(*)::int as n from fx_rates where currency in ('CYP', 'HRK', 'RUB', 'BGN')`)).toEqual([
      { n: 0 }
    ]);
    // JPY has two decimals in the file and keeps them
    expect(await rates(`currency = 'JPY' and rate_date = '2026-11-26'`)).toMatchObject([{ rate: '163.25000000' }]);
  });

  it('loads with --as fx_rates too, and the trailing empty column is not a currency', async () => {
    const result = await ingest([ecb('eurofxref-hist.csv')], { as: 'fx_rates' });
    expect(result.loaded).toEqual({ fx_rates: 115 });
    expect(await rows(fresh.db, `select count(distinct currency)::int as n from fx_rates`)).toEqual([{ n: 29 }]);
  });

  it('a bad cell is rejected under its currency column, the rest of the call with it', async () => {
    const text = 'Date,USD,JPY,GBP,\n2026-11-26,1.0500,16x3.25,0.84000,\n2026-11-25,1.0400,N/A,-0.845,\n2026-13-01,1.1,1.2,1.3,\n';
    const result = await ingest([writeSource(fresh.dir, 'hist.csv', text)]);
    expect(result.loaded).toEqual({});
    expect(result.rejected).toEqual([
      { file: 'hist.csv', row: 2, column: 'JPY', reason: '"16x3.25" is not a rate (a number like 1.0947)' },
      { file: 'hist.csv', row: 3, column: 'GBP', reason: 'units_per_base must be greater than 0, got -0.845' },
      // a bad date is one problem of the row, not one per currency
      { file: 'hist.csv', row: 4, column: 'Date', reason: '"2026-13-01" is not a date in this column\'s format YYYY-MM-DD' }
    ]);
    expect(await count(fresh.db, 'fx_rates')).toBe(0);
  });

  it('two rows for one day are duplicates for every currency quoted twice', async () => {
    const text = 'Date,USD,GBP,\n2026-11-26,1.05,0.84,\n2026-11-26,1.06,N/A,\n';
    const result = await ingest([writeSource(fresh.dir, 'hist.csv', text)]);
    expect(result.rejected).toEqual([
      {
        file: 'hist.csv',
        row: 3,
        column: 'USD',
        reason: 'a second rate for USD on 2026-11-26 (the first is at hist.csv row 2); one rate per currency and day'
      }
    ]);
  });
});

describe('the ECB daily file (eurofxref.csv)', () => {
  it('reads "27 November 2026" and the spaces after the commas', async () => {
    const result = await ingest([ecb('eurofxref.csv')]);
    expect(result).toEqual({ loaded: { fx_rates: 29 }, rejected: [], loadIds: [1] });
    expect(await rates(`currency in ('USD', 'GBP', 'IDR')`)).toEqual([
      { d: '2026-11-27', currency: 'GBP', rate: '0.83950000', base: 'EUR', row: 2 },
      { d: '2026-11-27', currency: 'IDR', rate: '17464.79000000', base: 'EUR', row: 2 },
      { d: '2026-11-27', currency: 'USD', rate: '1.05250000', base: 'EUR', row: 2 }
    ]);
  });

  it('after the history: the next day adds; the same day again is refused unless --replace', async () => {
    expect((await ingest([ecb('eurofxref-hist.csv'), ecb('eurofxref.csv')])).loaded).toEqual({ fx_rates: 144 });
    const again = await ingest([ecb('eurofxref.csv')]);
    expect(again.loaded).toEqual({});
    expect(again.rejected).toHaveLength(29);
    expect(again.rejected.find((r) => r.column === 'USD')).toEqual({
      file: 'eurofxref.csv',
      row: 2,
      column: 'USD',
      reason: 'USD already has a rate on 2026-11-27 (eurofxref.csv row 2, load 2); --replace replaces the rows of a file with the same name'
    });
    expect(await count(fresh.db, 'fx_rates')).toBe(144);
    expect((await ingest([ecb('eurofxref.csv')], { replace: true })).loaded).toEqual({ fx_rates: 29 });
    expect(await count(fresh.db, 'fx_rates')).toBe(144);
  });
});

describe('the long shape', () => {
  // a rate of 2026-11-26 as loaded: currency, units per base, base, the row of the file it came from
  const on26th = (currency: string, rate: string, base: string, row: number) => ({ d: '2026-11-26', currency, rate, base, row });
  it.each([
    {
      title: 'rate_date, currency, units_per_base and base, as written',
      file: 'rates.csv',
      text: 'rate_date,currency,units_per_base,base\n2026-11-26,usd,1.05,eur\n2026-11-26,GBP,0.84,EUR\n',
      loaded: [on26th('GBP', '0.84000000', 'EUR', 3), on26th('USD', '1.05000000', 'EUR', 2)]
    },
    {
      title: 'header synonyms (Date, Currency, Rate) and no base column: the base is the home currency',
      file: 'usd-rates.csv',
      text: 'Date,Currency,Rate\n2026-11-26,EUR,0.9523809\n2026-11-26,GBP,0.80\n',
      loaded: [on26th('EUR', '0.95238090', 'USD', 2), on26th('GBP', '0.80000000', 'USD', 3)]
    }
  ])('$title', async ({ file, text, loaded }) => {
    expect((await ingest([writeSource(fresh.dir, file, text)])).loaded).toEqual({ fx_rates: 2 });
    expect(await rates()).toEqual(loaded);
  });

  it('RADAR_CURRENCY sets that home currency', async () => {
    process.env.RADAR_CURRENCY = 'gbp';
    const text = 'date,currency,rate\n2026-11-26,USD,1.25\n';
    expect((await ingest([writeSource(fresh.dir, 'gbp-rates.csv', text)])).loaded).toEqual({ fx_rates: 1 });
    expect(await rates()).toMatchObject([{ currency: 'USD', base: 'GBP', rate: '1.25000000' }]);
  });

  it('a decimal comma when the whole column uses one', async () => {
    const text = 'Datum;currency;rate\n26.11.2026;GBP;0,8000\n27.11.2026;GBP;0,7995\n';
    expect((await ingest([writeSource(fresh.dir, 'de.csv', text)], { as: 'fx_rates', dateFormat: 'DMY' })).loaded).toEqual({ fx_rates: 2 });
    expect((await rates()).map((r) => [r.d, r.rate])).toEqual([
      ['2026-11-26', '0.80000000'],
      ['2026-11-27', '0.79950000']
    ]);
  });

  it('the home currency in a file without a base column has rate 1', async () => {
    const result = await ingest([writeSource(fresh.dir, 'r.csv', 'date,currency,rate\n2026-11-26,USD,1.05\n2026-11-26,USD,1\n')]);
    expect(result.rejected).toEqual([
      {
        file: 'r.csv',
        row: 2,
        column: 'rate',
        reason: 'USD is the base of rates without a base column (the home currency, RADAR_CURRENCY), so its rate is 1, got 1.05'
      }
    ]);
  });

  it('every bad value with its row and column', async () => {
    const text =
      [
        'rate_date,currency,units_per_base,base',
        '2026-11-26,USD,0,EUR', // 2: not positive
        '2026-11-26,US$,1.1,EUR', // 3: not a code
        '2026-02-30,GBP,0.84,EUR', // 4: not a date
        '2026-11-26,JPY,abc,EUR', // 5: not a rate
        '2026-11-26,EUR,1.2,EUR', // 6: the base's own rate is 1
        '2026-11-26,CHF,,EUR', // 7: empty
        '2026-11-26,CAD,1.47,EURO' // 8: base not a code
      ].join('\n') + '\n';
    const result = await ingest([writeSource(fresh.dir, 'bad.csv', text)]);
    expect(result.loaded).toEqual({});
    expect(result.rejected).toEqual([
      { file: 'bad.csv', row: 2, column: 'units_per_base', reason: 'units_per_base must be greater than 0, got 0' },
      { file: 'bad.csv', row: 3, column: 'currency', reason: '"US$" is not a currency code (three letters, like USD)' },
      { file: 'bad.csv', row: 4, column: 'rate_date', reason: '"2026-02-30" is not a date in this column\'s format YYYY-MM-DD' },
      { file: 'bad.csv', row: 5, column: 'units_per_base', reason: '"abc" is not a rate (a number like 1.0947)' },
      { file: 'bad.csv', row: 6, column: 'units_per_base', reason: 'EUR is the base of these rates, so its rate is 1, got 1.2' },
      { file: 'bad.csv', row: 7, column: 'units_per_base', reason: 'units_per_base is required but empty' },
      { file: 'bad.csv', row: 8, column: 'base', reason: '"EURO" is not a currency code (three letters, like USD)' }
    ]);
    expect(await count(fresh.db, 'fx_rates')).toBe(0);
    expect(await count(fresh.db, 'loads')).toBe(0);
  });

  it('one base across the table: a file against another base is refused once, naming both', async () => {
    expect((await ingest([ecb('eurofxref.csv')])).loaded).toEqual({ fx_rates: 29 });
    const text = 'date,currency,rate\n2026-11-30,EUR,0.95\n2026-11-30,GBP,0.80\n';
    const result = await ingest([writeSource(fresh.dir, 'usd-rates.csv', text)]);
    expect(result.rejected).toEqual([
      {
        file: 'usd-rates.csv',
        row: 2,
        column: null,
        reason:
          'these 2 rates are quoted against USD (the file has no base column: its base is the home currency, RADAR_CURRENCY), ' +
          'but the rates already loaded against EUR (eurofxref.csv row 2); every rate must quote one base'
      }
    ]);
    expect(await count(fresh.db, 'fx_rates')).toBe(29);
  });

  it('two files of one call with different bases', async () => {
    const eur = writeSource(fresh.dir, 'eur.csv', 'date,currency,rate,base\n2026-11-30,USD,1.05,EUR\n');
    const gbp = writeSource(fresh.dir, 'gbp.csv', 'date,currency,rate,base\n2026-11-30,JPY,190,GBP\n');
    const result = await ingest([eur, gbp]);
    expect(result.rejected).toEqual([
      {
        file: 'gbp.csv',
        row: 2,
        column: 'base',
        reason:
          'this rate is quoted against GBP, but the rates before it in this upload against EUR (eur.csv row 2); every rate must quote one base'
      }
    ]);
  });

  it('undo takes a rates load away', async () => {
    const result = await ingest([ecb('eurofxref.csv')]);
    expect(await undoLoad(fresh.connection, result.loadIds[0]!)).toEqual({ removed: { fx_rates: 29 } });
    expect(await count(fresh.db, 'fx_rates')).toBe(0);
  });
});
