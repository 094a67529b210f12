// The read cache of server/db.ts: answers kept until the next write, never one computed while a
// write ran; the routes' JSON answers prepared again by each write from its own data before it
// ends; reads spread over several connections so a slow one does not hold up the others.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database, REMEMBERED_BUDGET } from '../../server/db.ts';

/** db.json keeps a route's answer as UTF-8 bytes, as the route writes them. */
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

let db: Database;
let closed = false;
beforeEach(async () => {
  db = await Database.open(':memory:');
  closed = false;
  await db.write((c) => c.run('create table t (x integer); insert into t values (1), (2)'));
});
afterEach(() => closed || db.close());

/** The JSON answer kept under `key`, the sum of t, as text; `computed()` says how many times it was computed. */
function keptSum(key: string): { total(): Promise<string>; computed(): number } {
  let computed = 0;
  return {
    total: async () =>
      text(
        await db.json(key, async () => {
          computed++;
          return db.read<{ s: number }>('select sum(x)::integer as s from t');
        })
      ),
    computed: () => computed
  };
}

/** A write that has begun and holds the database until `end()`, which resolves once the write has ended. */
async function writeUnderWay(): Promise<{ end(): Promise<void> }> {
  let release: (() => void) | undefined;
  const writing = db.write(() => new Promise<void>((resolve) => (release = resolve)));
  while (!release) await new Promise((resolve) => setTimeout(resolve, 1));
  return {
    end: async () => {
      release!();
      await writing;
    }
  };
}

describe('the read cache', () => {
  it('keeps a read until the next write, then reads again', async () => {
    const sum = () => db.read<{ s: string }>('select sum(x)::integer as s from t');
    expect(await sum()).toEqual([{ s: 3 }]);
    await db.write((c) => c.run('insert into t values (4)'));
    expect(await sum()).toEqual([{ s: 7 }]);
  });

  it('remembers a shaped answer under its key, and forgets it at a write', async () => {
    let computed = 0;
    const shaped = () => db.remember('report', async () => ++computed);
    expect([await shaped(), await shaped()]).toEqual([1, 1]);
    await db.write(async () => undefined);
    expect(await shaped()).toBe(2);
  });

  it('does not keep an answer computed while a write was under way', async () => {
    const write = await writeUnderWay();
    let computed = 0;
    expect(await db.remember('during', async () => ++computed)).toBe(1);
    await write.end();
    expect(await db.remember('during', async () => ++computed)).toBe(2);
  });

  it('keeps an answer computed during a write until the write ends (readers see the state before it until then)', async () => {
    const write = await writeUnderWay();
    let computed = 0;
    expect(await db.remember('kept-during', async () => ++computed)).toBe(1);
    expect(await db.remember('kept-during', async () => ++computed)).toBe(1);
    await write.end();
    expect(await db.remember('kept-during', async () => ++computed)).toBe(2);
  });

  it('does not keep an answer still being computed when a write ends', async () => {
    const write = await writeUnderWay();
    let finish!: (n: number) => void;
    const slow = db.remember('overtaken', () => new Promise<number>((resolve) => (finish = resolve)));
    await write.end();
    finish(1);
    expect(await slow).toBe(1);
    expect(await db.remember('overtaken', async () => 2)).toBe(2);
  });

  it("keeps a route's JSON answer until the next write, which computes it again from its own data before it ends", async () => {
    const { total, computed } = keptSum('total');
    expect([await total(), await total()]).toEqual(['[{"s":3}]', '[{"s":3}]']);
    expect(computed()).toBe(1);
    await db.write((c) => c.run('insert into t values (4)'));
    // prepared by the write (1 + 2 + 4 = 7): asking after it computes nothing
    expect(computed()).toBe(2);
    expect(await total()).toBe('[{"s":7}]');
    expect(computed()).toBe(2);
  });

  it('serves the answers of the data before a write while it prepares its own, and those of its data after it', async () => {
    const sum = () => db.read<{ s: number }>('select sum(x)::integer as s from t');
    let gate: Promise<void> | null = null;
    let computing = 0;
    const total = async () =>
      text(
        await db.json('gated total', async () => {
          computing++;
          await gate;
          return sum();
        })
      );
    expect(await total()).toBe('[{"s":3}]');
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const writing = db.write((c) => c.run('insert into t values (4)'));
    // the write has committed and waits on its prepared answer: readers still get the one before it
    while (computing < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(await total()).toBe('[{"s":3}]');
    // a read not kept before is computed from the committed data, and kept for after the write
    expect(await db.read<{ n: number }>('select count(*)::integer as n from t')).toEqual([{ n: 3 }]);
    open();
    await writing;
    expect(await total()).toBe('[{"s":7}]');
    expect(await sum()).toEqual([{ s: 7 }]);
    expect(computing).toBe(2);
  });

  it('keeps answers of several MB, within a total budget of 64 MB', async () => {
    // 15 MB of JSON each: a string of 15 × 2^20 − 2 characters and its two quotes
    const big = (name: string) =>
      db.json(name, async () => {
        computed.set(name, (computed.get(name) ?? 0) + 1);
        return 'x'.repeat(15 * 2 ** 20 - 2);
      });
    const computed = new Map<string, number>();
    // a 4.3 MB worklist page was over the old 1 MB cap and serialised again on every request
    for (const name of ['a', 'a', 'b', 'c', 'd']) expect((await big(name)).byteLength).toBe(15 * 2 ** 20);
    expect(computed.get('a')).toBe(1);
    // four kept make 60 MB; a fifth would make 75 MB, over the budget: answered, not kept
    await big('e');
    await big('e');
    expect(computed.get('e')).toBe(2);
    await big('d');
    expect(computed.get('d')).toBe(1);
  });

  it('keeps shaped reports within REMEMBERED_BUDGET by their own estimate, refusing the one past it', async () => {
    const computed = new Map<string, number>();
    // each report says it takes a third of the budget: three fit, a fourth does not
    const third = Math.floor(REMEMBERED_BUDGET / 3);
    const report = (name: string) =>
      db.remember(
        name,
        async () => {
          computed.set(name, (computed.get(name) ?? 0) + 1);
          return name;
        },
        () => third
      );
    for (const name of ['a', 'b', 'c', 'a', 'b', 'c']) await report(name);
    expect([...computed.values()]).toEqual([1, 1, 1]);
    expect(await report('d')).toBe('d');
    expect(await report('d')).toBe('d');
    expect(computed.get('d')).toBe(2);
    // a write empties the cache and its budget: the next date's report is kept again
    await db.write(async () => undefined);
    await report('d');
    await report('d');
    expect(computed.get('d')).toBe(3);
  });

  it('counts a large read against the same budget; a small read is kept regardless', async () => {
    await db.write((c) => c.run('create table big as select range::integer as n from range(20000)'));
    // the budget nearly spent: 20,000 rows of one value (1.6 MB by the estimate) no longer fit
    await db.remember(
      'nearly all of the budget',
      async () => 'kept',
      () => REMEMBERED_BUDGET - 2 ** 20
    );
    const first = async (sql: string) => (await db.read<{ n: number }>(sql))[0].n;
    const large = 'select n from big order by n';
    const small = 'select n from big order by n limit 10';
    expect([await first(large), await first(small)]).toEqual([0, 0]);
    // changed behind the cache's back (not through db.write): a kept answer still says 0
    const other = await db.connect();
    await other.run('update big set n = n + 1');
    other.closeSync();
    expect(await first(small)).toBe(0);
    expect(await first(large)).toBe(1);
  });

  it('ends a failed write with an empty cache (nothing prepared)', async () => {
    const { total, computed } = keptSum('failed-write total');
    expect(await total()).toBe('[{"s":3}]');
    await expect(
      db.write(async (c) => {
        await c.run('insert into t values (4)');
        throw new Error('the refresh failed');
      })
    ).rejects.toThrow('the refresh failed');
    expect(computed()).toBe(1);
    expect(await total()).toBe('[{"s":7}]');
    expect(computed()).toBe(2);
  });

  it('tells its listeners after each write, once the cache is empty', async () => {
    const seen: number[] = [];
    db.onWritten(() => seen.push(seen.length));
    await db.write(async () => undefined);
    await db.write(async () => undefined).catch(() => undefined);
    expect(seen).toEqual([0, 1]);
  });
});

describe('read connections', () => {
  it('answer a quick read while a long one runs on another connection', async () => {
    // a read of about a second on two cores: 144 million products summed
    const slow = db.read('select sum(a.range * b.range)::varchar as s from range(12000) a, range(12000) b');
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    expect(await db.read<{ n: number }>('select count(*)::integer as n from t')).toEqual([{ n: 2 }]);
    expect(slowDone).toBe(false);
    await slow;
  });
});

describe('shutting down', () => {
  it('interrupts a read in flight and closes instead of waiting on it', async () => {
    // closeSync with this read running used to block the process for good (a server stopped
    // during its warm-up never exited)
    const slow = db.read('select sum(a.range * b.range)::varchar as s from range(30000) a, range(30000) b');
    const outcome = slow.then(
      () => 'finished',
      (error: Error) => error.message
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await db.shutDown();
    closed = true;
    expect(performance.now() - started).toBeLessThan(3000);
    expect(await outcome).toMatch(/Interrupted/);
    await expect(db.read('select 1 as one')).rejects.toThrow('the server is stopping');
  });
});
