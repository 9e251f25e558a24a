import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { eq, lt, or } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { authSessions, users } from "#db/schema/index.ts";

/** A session ends after this long without a request. */
export const INACTIVITY_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** A session ends this long after sign-in, however active. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastVerifiedAt is written at most this often, to keep reads cheap. */
const ACTIVITY_UPDATE_INTERVAL_MS = 60 * 1000;

export const SESSION_COOKIE = "ratschlag_session";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: string;
}

export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  lastVerifiedAt: Date;
}

function randomSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Creates a session and returns its token `<id>.<secret>`; only the secret's hash is stored. */
export async function createSession(
  db: Database,
  userId: string,
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const id = randomSecret();
  const secret = randomSecret();
  await db.insert(authSessions).values({
    id,
    secretHash: hashSecret(secret),
    userId,
    createdAt: now,
    lastVerifiedAt: now,
  });
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

/**
 * Returns the session and its (enabled) user for a token, or null when the token is malformed,
 * unknown, wrong, expired by inactivity or by age, or the account is disabled. Expired sessions
 * are deleted. Activity is recorded unless `touch` is false (background checks of an open but
 * idle editor must not keep a session alive).
 */
export async function validateSessionToken(
  db: Database,
  token: string,
  now = new Date(),
  options: { touch?: boolean } = {},
): Promise<{ session: Session; user: SessionUser } | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1] || token.length > 200) return null;
  const [id, secret] = parts;
  const rows = await db
    .select({ session: authSessions, user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, id))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), row.session.secretHash)) return null;
  const { session, user } = row;
  const age = now.getTime() - session.createdAt.getTime();
  const idle = now.getTime() - session.lastVerifiedAt.getTime();
  if (age >= ABSOLUTE_TIMEOUT_MS || idle >= INACTIVITY_TIMEOUT_MS || user.disabledAt) {
    await db.delete(authSessions).where(eq(authSessions.id, id));
    return null;
  }
  let lastVerifiedAt = session.lastVerifiedAt;
  if (options.touch !== false && idle >= ACTIVITY_UPDATE_INTERVAL_MS) {
    lastVerifiedAt = now;
    await db.update(authSessions).set({ lastVerifiedAt: now }).where(eq(authSessions.id, id));
  }
  return {
    session: { id, userId: session.userId, createdAt: session.createdAt, lastVerifiedAt },
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      locale: user.locale,
    },
  };
}

/** Deletes one session (logout). */
export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

/** Deletes every session of a user (password change, account disabled). */
export async function invalidateUserSessions(db: Database, userId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userId, userId));
}

/** Removes sessions that can no longer be valid. */
export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<void> {
  await db
    .delete(authSessions)
    .where(
      or(
        lt(authSessions.createdAt, new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)),
        lt(authSessions.lastVerifiedAt, new Date(now.getTime() - INACTIVITY_TIMEOUT_MS)),
      ),
    );
}

/** The Set-Cookie value for a session token. */
export function sessionCookie(token: string, secure: boolean): string {
  const attrs = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.floor(ABSOLUTE_TIMEOUT_MS / 1000)}`,
  ];
  if (secure) attrs.push("Secure");
  return attrs.join("; ");
}

/** The Set-Cookie value that removes the session cookie. */
export function blankSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
