// The address a request came from: the socket's peer as @hono/node-server hands it over in
// c.env.incoming. X-Forwarded-For counts only behind a proxy the operator vouches for
// (RADAR_TRUST_PROXY=1), else anyone could pick an address per request and dodge the limits.
import type { Context } from 'hono';
import { config } from '../config.ts';

export function clientAddress(c: Context): string {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
