// Buffered CSV output. Each row is encoded straight into a 1 MB buffer that is
// flushed with a synchronous write: the generator is CPU-bound, and keeping
// row strings alive in arrays until a flush made garbage collection dominate.
import { closeSync, openSync, writeSync } from 'node:fs';

const BUFFER_BYTES = 1 << 20;

export class CsvSink {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  rows = 0;

  constructor(
    readonly path: string,
    header: string
  ) {
    this.fd = openSync(path, 'w');
    this.append(header);
  }

  /** `line` is a complete row without the newline; fields must not need quoting. */
  write(line: string): void {
    this.append(line);
    this.rows += 1;
  }

  private append(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; rows are short, so check the worst case.
    if (this.used + line.length * 3 + 1 > BUFFER_BYTES) this.flush();
    this.used += this.buffer.write(line, this.used);
    this.buffer[this.used++] = 10; // '\n'
  }

  private flush(): void {
    let offset = 0;
    while (offset < this.used) offset += writeSync(this.fd, this.buffer, offset, this.used - offset);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Integer cents as "1234.56"; all generated amounts are positive. */
export function money(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  return frac < 10 ? `${whole}.0${frac}` : `${whole}.${frac}`;
}

/** Zero-padded identifiers, e.g. id('INV', 42, 7) = 'INV0000042'. */
export function id(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}
