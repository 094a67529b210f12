// A report that needs an exchange rate the database does not hold fails with a reason naming the
// currency and the date (metrics.md "Currencies"): HTTP 422, CLI exit 1 with that line.
// The SQL (sql/marts/to_reporting.sql) raises it; app.onError and the CLI ask this for the reason.
const MISSING_RATE = /no exchange rate for [A-Z]{3} on or before \d{4}-\d{2}-\d{2}[^\n"]*/;

/** The missing-rate reason DuckDB's error carries, if that is why a read failed. */
export function missingRateReason(error: unknown): string | undefined {
  return error instanceof Error ? MISSING_RATE.exec(error.message)?.[0].trim() : undefined;
}
