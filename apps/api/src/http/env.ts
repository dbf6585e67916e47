// What every request handler can count on finding in the context.
import type { CurrentSession, Db, Engine } from '@gie-ecp/core';
import type { Logger } from './log.ts';

export interface AppDeps {
  db: Db;
  engine: Engine;
  version: string;
  /** Folder of the built back office (apps/web/dist); omitted in API-only tests. */
  webRoot?: string;
  /** Sends cookies with `Secure` (behind HTTPS). */
  secureCookies?: boolean;
  /** Where request lines and errors go (JSON lines); omitted in API tests: no request lines, errors to the console. */
  logger?: Logger;
  /** Behind a reverse proxy: its X-Forwarded-For names the client (TRUST_PROXY=1); otherwise the header is ignored. */
  trustProxy?: boolean;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    session: CurrentSession | null;
    sessionToken: string | null;
    /** The request's id, echoed in `x-request-id` and in problem+json bodies. */
    requestId: string;
  };
}
