// Collects rejections from every query of a call, keeps the first CAP in file and row order, and
// says how many there were in all when it had to cut.
import type { Rejection } from './types.ts';

export const REJECTION_CAP = 1000;

export class RejectionList {
  private items: Rejection[] = [];
  private total = 0;
  constructor(
    private readonly fileOrder: string[],
    private readonly cap = REJECTION_CAP
  ) {}

  /** `total` is how many the query found when it returned only the first ones. */
  add(rejections: Rejection[], total = rejections.length): void {
    this.items.push(...rejections);
    this.total += Math.max(total, rejections.length);
  }

  get count(): number {
    return this.total;
  }

  list(): Rejection[] {
    const order = (r: Rejection) => this.fileOrder.indexOf(r.file);
    const sorted = [...this.items].sort((a, b) => order(a) - order(b) || (a.row ?? 0) - (b.row ?? 0));
    if (this.total <= this.cap) return sorted;
    const kept = sorted.slice(0, this.cap);
    kept.push({
      file: kept[kept.length - 1]?.file ?? '',
      row: null,
      column: null,
      reason: `${this.total} problems in all; only the first ${this.cap} are listed`
    });
    return kept;
  }
}
