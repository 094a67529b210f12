// Reads named numbers of the seed tables (drift_settings, worklist_settings) that TypeScript needs.
import type { Reader } from './reader.ts';

export async function driftFlagScore(db: Reader): Promise<number> {
  const [row] = await db.read<{ value: number }>("select drift_setting('flag_score') as value");
  return Number(row.value);
}
