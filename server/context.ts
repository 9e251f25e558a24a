import type { Database } from "#db/client.ts";
import type { Session, SessionUser } from "./auth/session.ts";
import type { CollabServer } from "./collab/index.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";

/** What every loader and action receives as `context` (docs/architecture.md: never module globals). */
export type RequestContext = {
  db: Database;
  config: Pick<Config, "origin" | "production" | "maxConnectionsPerUser" | "formMaxBytes">;
  log: Logger;
  auth: { session: Session; user: SessionUser } | null;
  /** Client address used for login throttling and the audit log. */
  ip: string;
  /** Per-response CSP nonce for inline scripts. */
  nonce: string;
  /**
   * Lets open sockets follow permission changes (role, lock, phase, account), and applies
   * server-side edits (accepted suggestions) as attributed, durable document updates, and lets
   * page views read the text of a loaded document.
   */
  collab: Pick<CollabServer, "refreshAccess" | "editDocument" | "peek">;
};

export interface AccessFilter {
  sectionId?: string;
  userId?: string;
  consultationId?: string;
}

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- module augmentation needs an interface
  interface AppLoadContext extends RequestContext {}
}
