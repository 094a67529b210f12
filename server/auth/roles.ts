// Who may do what: the roles of issue 5 as data. A path prefix and method → the roles let in.
// Collectors are further narrowed to their own customers by collector-scope.ts.
export const ROLES = ['admin', 'controller', 'collector', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  username: string;
  role: Role;
  /** the collector name a collector works under (customers.collector) */
  collector: string | null;
  via: 'session' | 'token' | 'disabled';
}

interface Rule {
  method: 'GET' | 'WRITE';
  prefix: string;
  roles: readonly Role[];
}

const EVERYONE = ROLES;
/** First match wins; paths are under /api. */
const RULES: Rule[] = [
  { method: 'WRITE', prefix: '/api/session', roles: EVERYONE },
  { method: 'WRITE', prefix: '/api/users', roles: ['admin'] },
  { method: 'GET', prefix: '/api/users', roles: ['admin'] },
  { method: 'GET', prefix: '/api/audit', roles: ['admin'] },
  { method: 'WRITE', prefix: '/api/uploads', roles: ['admin', 'controller', 'analyst'] },
  { method: 'WRITE', prefix: '/api/loads', roles: ['admin', 'controller', 'analyst'] },
  { method: 'GET', prefix: '/api/explore', roles: ['admin', 'analyst'] },
  { method: 'WRITE', prefix: '/api/explore', roles: ['admin', 'analyst'] },
  { method: 'WRITE', prefix: '/api/activities', roles: ['admin', 'controller', 'collector'] },
  // the drift list ranks every customer of the portfolio: not for a collector
  { method: 'GET', prefix: '/api/drift', roles: ['admin', 'controller', 'analyst'] },
  // (kpis, aging, period, series and review answer a collector for their own book: collector-scope.ts)
  { method: 'GET', prefix: '/api', roles: EVERYONE },
  { method: 'WRITE', prefix: '/api', roles: ['admin'] }
];

export function allowed(role: Role, method: string, path: string): boolean {
  const kind = method === 'GET' || method === 'HEAD' ? 'GET' : 'WRITE';
  const rule = RULES.find((r) => r.method === kind && (path === r.prefix || path.startsWith(r.prefix + '/')));
  return rule ? rule.roles.includes(role) : false;
}
