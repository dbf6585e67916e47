// The address a request is counted against by the abuse limits (sign-in, document links, the public form).
// X-Forwarded-For is anyone's to write: it counts only when the server is told it sits behind a proxy (TRUST_PROXY=1).
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Behind a trusted reverse proxy, the last X-Forwarded-For entry is the one that proxy wrote (entries before it
 * came from the client and prove nothing); without one, the socket's address.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const socket = incoming?.socket?.remoteAddress || 'unknown';
  if (!c.var.deps.trustProxy) return socket;
  const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || socket;
}
