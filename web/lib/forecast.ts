// Typed fetch of /api/forecast for the dashboard's forecast components (types from server/contracts).
import type { ForecastHistory, ForecastInvoicesReport, ForecastWeeksReport } from '../../server/contracts/forecast.ts';
import { request, type Fetch } from './api.ts';

export function forecastApi(fetcher: Fetch) {
  return {
    weeks: (query: { as_of?: string; weeks?: number }) => request<ForecastWeeksReport>(fetcher, '/forecast/weeks', { query }),
    history: (query: { as_of?: string; weeks?: number }) => request<ForecastHistory>(fetcher, '/forecast/history', { query }),
    invoices: (query: { as_of?: string; customer_id: string }) => request<ForecastInvoicesReport>(fetcher, '/forecast/invoices', { query })
  };
}
