// The reporting currency of every page (metrics.md "Currencies"): picked in the header and kept in
// the URL (?currency=EUR); without a pick, the home currency the server reports in. lib/api.ts adds
// it to every request that answers money and notes a missing exchange rate; lib/format.ts shows
// amounts with its sign. One reactive object, so a change re-renders whatever reads it.
const CODE = /^[A-Za-z]{3}$/;

function fromLocation(): string | null {
  if (typeof location === 'undefined') return null;
  const code = new URLSearchParams(location.search).get('currency');
  return code && CODE.test(code) ? code.toUpperCase() : null;
}

export const reporting = $state<{
  /** picked in the URL, or null for the home currency */
  chosen: string | null;
  /** the server's home currency (GET /api/ledger), known once the header has loaded it */
  home: string | null;
  /** the server's reason when a report needed an exchange rate it does not hold */
  missingRate: string | null;
}>({ chosen: fromLocation(), home: null, missingRate: null });

/** The currency the amounts on screen are in, when known. */
export function reportingCurrency(): string | null {
  return reporting.chosen ?? reporting.home;
}

/** Takes the currency of a URL being opened (null: none in it, keep the current pick). */
export function pickFromUrl(url: URL): void {
  const code = url.searchParams.get('currency');
  if (code && CODE.test(code)) reporting.chosen = code.toUpperCase();
}

// the endpoints whose answers hold money; drift, ledger info, uploads and the rest have none
const MONEY_PATHS = [
  '/kpis',
  '/period',
  '/aging',
  '/series',
  '/review',
  '/invoices',
  '/customers',
  '/worklist',
  '/aged-balance',
  '/forecast',
  '/performance',
  '/promises'
];

export function answersMoney(path: string): boolean {
  return MONEY_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`));
}
