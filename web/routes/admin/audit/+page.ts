import { request } from '$lib/api.ts';
import type { AuditReport } from '../../../../server/contracts/audit.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const action = url.searchParams.get('action') ?? '';
  return { action, audit: request<AuditReport>(fetch, '/audit', { query: { limit: 1000 } }) };
};
