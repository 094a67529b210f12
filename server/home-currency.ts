// The home currency (metrics.md "Currencies"): what an amount without a currency of its own is in,
// the default reporting currency, and the base of a rates file without a base column.
export const DEFAULT_HOME_CURRENCY = 'USD';

/** RADAR_CURRENCY, upper-cased; a value that is not a three-letter code is a configuration error. */
export function homeCurrency(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.RADAR_CURRENCY?.trim();
  if (!raw) return DEFAULT_HOME_CURRENCY;
  const code = raw.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new Error(`RADAR_CURRENCY must be a three-letter currency code such as USD or EUR, got ${JSON.stringify(raw)}`);
  }
  return code;
}
