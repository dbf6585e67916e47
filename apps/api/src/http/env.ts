// What every request handler can count on finding in the context.
import type { CurrentSession, Db, Engine } from '@gie-ecp/core';

export interface AppDeps {
  db: Db;
  engine: Engine;
  version: string;
  /** Folder of the built back office (apps/web/dist); omitted in API-only tests. */
  webRoot?: string;
  /** Sends cookies with `Secure` (behind HTTPS). */
  secureCookies?: boolean;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    session: CurrentSession | null;
    sessionToken: string | null;
  };
}
