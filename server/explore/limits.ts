// Explore's limits (server/config.ts): how long one query may run, how many bytes its result may
// hold, and how many queries run at once.
import { config } from '../config.ts';

/** RADAR_QUERY_TIMEOUT_MS: each query is interrupted at its own deadline (default 10 s). */
export function queryTimeoutFromEnv(): number {
  return config.queryTimeoutMs;
}

/** RADAR_EXPLORE_MAX_BYTES: the most a result may hold, as DuckDB holds it (default 64 MB). */
export function maxResultBytesFromEnv(): number {
  return config.exploreMaxBytes;
}

/** RADAR_EXPLORE_CONCURRENCY: Explore queries running at once (default 2); the rest answer 429. */
export function exploreConcurrencyFromEnv(): number {
  return config.exploreConcurrency;
}
