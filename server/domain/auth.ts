import { eq } from "drizzle-orm";
import { users } from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import { verifyAgainstDummy, verifyPassword } from "#server/auth/password.ts";
import { createSession, invalidateSession } from "#server/auth/session.ts";
import { beginLoginAttempt, recordLoginSuccess } from "#server/auth/throttle.ts";
import type { Services } from "#server/services.ts";

export type LoginResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks credentials with throttling per account and per address; on success creates a new
 * session (never reusing one). Every attempt, good or bad, is audited.
 */
export async function login(
  { db }: Services,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // Counted before the password is checked, so parallel guesses cannot all slip past the limit.
  const retryAfterSeconds = await beginLoginAttempt(db, email, input.ip, now);
  if (retryAfterSeconds > 0) {
    await audit(
      db,
      { userId: null, label: email, organisationId: null, ip: input.ip ?? null },
      {
        action: "auth.login_throttled",
        targetType: "user",
      },
    );
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyAgainstDummy(input.password), false);
  if (!user || !valid || user.disabledAt) {
    await audit(
      db,
      { userId: null, label: email, organisationId: null, ip: input.ip ?? null },
      {
        action: "auth.login_failed",
        targetType: "user",
        targetId: user?.id ?? null,
        details: user?.disabledAt ? { reason: "disabled" } : {},
      },
    );
    return { ok: false, reason: "invalid_credentials" };
  }
  await recordLoginSuccess(db, email, input.ip);
  const { token } = await createSession(db, user.id, now);
  await audit(db, acting(user, null, input.ip), {
    action: "auth.login",
    targetType: "user",
    targetId: user.id,
  });
  return { ok: true, token, userId: user.id };
}

/** Ends one session and records the logout. */
export async function logout(
  { db, events }: Services,
  input: { sessionId: string; userId: string; email: string; ip: string },
): Promise<void> {
  await invalidateSession(db, input.sessionId);
  events.endSessions({ sessionId: input.sessionId });
  await audit(
    db,
    { userId: input.userId, label: input.email, organisationId: null, ip: input.ip ?? null },
    {
      action: "auth.logout",
      targetType: "user",
      targetId: input.userId,
    },
  );
}

/** Stores the user's UI language. */
export async function setUserLocale(
  { db }: Services,
  userId: string,
  locale: string,
): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
