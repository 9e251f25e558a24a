import type { IncomingMessage } from "node:http";
import { eq } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { organisations } from "#db/schema/index.ts";
import {
  readCookie,
  SESSION_COOKIE,
  validateSessionToken,
  type SessionUser,
} from "#server/auth/session.ts";
import type { Config } from "#server/config.ts";
import { EXTENSIONS_PARAM, EXTENSIONS_VERSION } from "#common/collab-protocol.ts";
import { sectionAccess } from "#server/domain/access.ts";
import { DomainError } from "#server/domain/errors.ts";

export const COLLAB_PATH_PREFIX = "/collab/";

/** What the server may do with a section for a user right now. */
export type AccessLevel = "edit" | "view" | "none";

export interface SectionGrant {
  level: AccessLevel;
  /** Canonical section id (lower-case), used as the document name. */
  sectionId: string;
  consultationId: string;
  organisationId: string | null;
}

/** An upgrade request that passed every check. */
export interface Admitted {
  ok: true;
  token: string;
  user: SessionUser;
  grant: SectionGrant;
  organisationName: string | null;
  /** The client asked for the Ratschlag message types ("stored", "access"). */
  extensions: boolean;
}

export interface Refused {
  ok: false;
  status: 401 | 403 | 404;
  reason: string;
}

/**
 * Evaluates the section policy for a user; "none" for unknown sections and non-members alike,
 * so that the caller cannot tell them apart. Other errors (database down) are thrown.
 */
export async function evaluateAccess(
  db: Database,
  user: Pick<SessionUser, "id" | "isAdmin">,
  sectionId: string,
): Promise<SectionGrant | null> {
  try {
    const access = await sectionAccess(db, user, sectionId);
    const level: AccessLevel = !access.can("section.view")
      ? "none"
      : access.can("section.edit")
        ? "edit"
        : "view";
    return {
      level,
      sectionId: access.section.id,
      consultationId: access.section.consultationId,
      organisationId: access.organisationId,
    };
  } catch (err) {
    if (err instanceof DomainError && (err.kind === "not_found" || err.kind === "forbidden")) {
      return null;
    }
    throw err;
  }
}

/**
 * Decides an upgrade request: 404 for a path that is not /collab/<docName>, 403 for a foreign
 * Origin, 401 without a valid session, 403 when the user may not view the section (whether or
 * not it exists). Throws only on infrastructure errors.
 */
export async function admit(
  db: Database,
  config: Config,
  req: IncomingMessage,
): Promise<Admitted | Refused> {
  const docName = docNameOf(req.url);
  if (docName === null) return { ok: false, status: 404, reason: "not a collab path" };
  // Browsers always send Origin on WebSocket handshakes; its absence means a non-browser client
  // or a stripped header, and cross-site WebSocket hijacking is what this check prevents.
  if (req.headers.origin !== config.origin) {
    return { ok: false, status: 403, reason: "origin mismatch" };
  }
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const session = token ? await validateSessionToken(db, token) : null;
  if (!token || !session) return { ok: false, status: 401, reason: "no valid session" };
  const grant = await evaluateAccess(db, session.user, docName);
  if (!grant || grant.level === "none") {
    return { ok: false, status: 403, reason: "section not accessible" };
  }
  let organisationName: string | null = null;
  if (grant.organisationId) {
    const [org] = await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, grant.organisationId));
    organisationName = org?.name ?? null;
  }
  return {
    ok: true,
    token,
    user: session.user,
    grant,
    organisationName,
    extensions: wantsExtensions(req.url),
  };
}

/** Whether a /collab URL asks for the Ratschlag message types (`?ext=ratschlag.1`). */
export function wantsExtensions(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const params = new URL(url, "http://localhost").searchParams;
    return params.getAll(EXTENSIONS_PARAM).includes(EXTENSIONS_VERSION);
  } catch {
    return false;
  }
}

/** The document name of a /collab/<docName> URL (query ignored), or null. */
export function docNameOf(url: string | undefined): string | null {
  if (!url) return null;
  let pathname: string;
  try {
    pathname = new URL(url, "http://localhost").pathname;
  } catch {
    return null;
  }
  if (!pathname.startsWith(COLLAB_PATH_PREFIX)) return null;
  const rest = pathname.slice(COLLAB_PATH_PREFIX.length);
  if (!rest || rest.includes("/")) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}
