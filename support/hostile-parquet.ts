// Hostile Parquet files for the hardening tests, written byte by byte: a footer (Thrift compact
// protocol, as the Parquet format defines it) that claims what the data does not hold. One
// OPTIONAL INT32 column `invoice_id`; its one data page holds `pageValues` nulls as a single RLE
// run of definition level 0, so a tiny page stands for billions of rows. Every row group points at
// that same page, so the row-group list can repeat it as often as wanted.
import { writeFileSync } from 'node:fs';

class Compact {
  private readonly bytes: number[] = [];
  private last: number[] = [0];
  varint(value: bigint): this {
    let v = value;
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      this.bytes.push(byte);
    } while (v > 0n);
    return this;
  }
  private zigzag(value: bigint): this {
    return this.varint(value >= 0n ? value << 1n : (-value << 1n) - 1n);
  }
  private header(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1]!;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(BigInt(id));
    }
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, value: number): this {
    this.header(id, 5);
    return this.zigzag(BigInt(value));
  }
  i64(id: number, value: bigint): this {
    this.header(id, 6);
    return this.zigzag(value);
  }
  string(id: number, value: string): this {
    this.header(id, 8);
    const data = Buffer.from(value);
    this.varint(BigInt(data.length));
    this.bytes.push(...data);
    return this;
  }
  struct(id: number, body: (w: Compact) => void): this {
    this.header(id, 12);
    this.last.push(0);
    body(this);
    this.bytes.push(0);
    this.last.pop();
    return this;
  }
  /** a list of structs (type 12) or i32s (type 5) or strings (type 8) */
  list(id: number, type: number, count: number, item: (w: Compact, index: number) => void): this {
    this.header(id, 9);
    if (count < 15) this.bytes.push((count << 4) | type);
    else {
      this.bytes.push(0xf0 | type);
      this.varint(BigInt(count));
    }
    for (let i = 0; i < count; i++) {
      if (type === 12) {
        this.last.push(0);
        item(this, i);
        this.bytes.push(0);
        this.last.pop();
      } else item(this, i);
    }
    return this;
  }
  raw(values: number[]): this {
    this.bytes.push(...values);
    return this;
  }
  stop(): this {
    this.bytes.push(0);
    return this;
  }
  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

export interface HostileParquet {
  /** rows the file's footer claims */
  claimedRows: bigint;
  /** row groups in the footer, each claiming claimedRows / rowGroups rows and pointing at the one page */
  rowGroups: number;
  /** nulls the one data page holds */
  pageValues: number;
}

export function writeHostileParquet(path: string, { claimedRows, rowGroups, pageValues }: HostileParquet): number {
  // the data page: definition levels as <4-byte length><RLE run header (count << 1)><level 0>
  const run = new Compact()
    .varint(BigInt(pageValues) << 1n)
    .raw([0])
    .toBuffer();
  const levels = Buffer.concat([Buffer.from(Uint32Array.of(run.length).buffer), run]);
  const pageHeader = new Compact()
    .i32(1, 0) // DATA_PAGE
    .i32(2, levels.length)
    .i32(3, levels.length)
    .struct(5, (w) => w.i32(1, pageValues).i32(2, 0).i32(3, 3).i32(4, 3))
    .stop()
    .toBuffer();
  const pageOffset = 4n;
  const chunkBytes = BigInt(pageHeader.length + levels.length);
  const perGroup = claimedRows / BigInt(rowGroups);
  const footer = new Compact()
    .i32(1, 1)
    .list(2, 12, 2, (w, i) => {
      if (i === 0) w.string(4, 'schema').i32(5, 1);
      else w.i32(1, 1).i32(3, 1).string(4, 'invoice_id'); // INT32, OPTIONAL
    })
    .i64(3, claimedRows)
    .list(4, 12, rowGroups, (w) => {
      w.list(1, 12, 1, (c) =>
        c.i64(2, pageOffset).struct(3, (m) =>
          m
            .i32(1, 1)
            .list(2, 5, 2, (e, i) => e.varint(BigInt(i === 0 ? 0 : 3) << 1n))
            .list(3, 8, 1, (p) => p.varint(10n).raw([...Buffer.from('invoice_id')]))
            .i32(4, 0)
            .i64(5, perGroup)
            .i64(6, chunkBytes)
            .i64(7, chunkBytes)
            .i64(9, pageOffset)
        )
      );
      w.i64(2, chunkBytes).i64(3, perGroup);
    })
    .stop()
    .toBuffer();
  const file = Buffer.concat([
    Buffer.from('PAR1'),
    pageHeader,
    levels,
    footer,
    Buffer.from(Uint32Array.of(footer.length).buffer),
    Buffer.from('PAR1')
  ]);
  writeFileSync(path, file);
  return file.length;
}
