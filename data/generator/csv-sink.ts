// Buffered CSV output. Rows are appended as strings and flushed in ~1 MB
// chunks with synchronous writes: the generator is CPU-bound, so async
// streams would only add backpressure bookkeeping, and memory stays bounded.
import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

export class CsvSink {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  rows = 0;

  constructor(
    readonly path: string,
    header: string
  ) {
    this.fd = openSync(path, 'w');
    this.parts.push(header + '\n');
  }

  /** `line` is a complete row without the newline; fields must not need quoting. */
  write(line: string): void {
    this.parts.push(line + '\n');
    this.size += line.length + 1;
    this.rows += 1;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
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
