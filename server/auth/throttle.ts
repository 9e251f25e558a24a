import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { loginThrottle } from "#db/schema/index.ts";

/** Failures counted within this window. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** How long a key stays locked once it reached its limit. */
export const THROTTLE_LOCK_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

export function throttleKeys(email: string, ip: string): { account: string; address: string } {
  return { account: `account:${email.trim().toLowerCase()}`, address: `ip:${ip}` };
}

/**
 * Counts one attempt against a key in a single statement (the row is locked by the upsert), so
 * concurrent attempts each see the count of those before them. The attempt counts as a failure
 * until it succeeds. Returns the seconds to wait when the key was already at its limit, else 0.
 *
 * While a key is locked its count keeps rising, so every attempt past the limit is refused;
 * after the lock or the window ran out, counting starts again at one.
 */
async function countAttempt(db: Database, key: string, limit: number, now: Date): Promise<number> {
  const lockUntil = new Date(now.getTime() + THROTTLE_LOCK_MS);
  // Timestamps go in as text: postgres.js does not serialise a Date inside raw SQL.
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const nowAt = at(now);
  const lockUntilAt = at(lockUntil);
  const windowStartAt = at(new Date(now.getTime() - THROTTLE_WINDOW_MS));
  const t = loginThrottle;
  const locked = sql`(${t.lockedUntil} is not null and ${t.lockedUntil} > ${nowAt})`;
  const restart = sql`(not ${locked} and (${t.windowStartedAt} < ${windowStartAt} or ${t.lockedUntil} is not null))`;
  const [row] = await db
    .insert(t)
    .values({
      key,
      failures: 1,
      windowStartedAt: now,
      lockedUntil: limit <= 1 ? lockUntil : null,
    })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${restart} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${restart} then ${nowAt} else ${t.windowStartedAt} end`,
        lockedUntil: sql`case
          when ${locked} then ${t.lockedUntil}
          when (case when ${restart} then 1 else ${t.failures} + 1 end) >= ${limit} then ${lockUntilAt}
          else null end`,
      },
    })
    .returning({ failures: t.failures, lockedUntil: t.lockedUntil });
  if (row.failures <= limit || !row.lockedUntil) return 0;
  return Math.max(1, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
}

/**
 * Starts a login attempt: counts it against the account and the address atomically, as a failure
 * until recordLoginSuccess says otherwise. Returns the seconds until a login may be tried again
 * when either key was already locked (the attempt must then be refused unchecked), else 0.
 */
export async function beginLoginAttempt(
  db: Database,
  email: string,
  ip: string,
  now = new Date(),
): Promise<number> {
  const keys = throttleKeys(email, ip);
  const account = await countAttempt(db, keys.account, MAX_FAILURES_PER_ACCOUNT, now);
  const address = await countAttempt(db, keys.address, MAX_FAILURES_PER_ADDRESS, now);
  return Math.max(account, address);
}

/**
 * After a successful login: clears the account's counter and takes the attempt back from the
 * address's count, so signing in does not use up an office's failure budget.
 */
export async function recordLoginSuccess(db: Database, email: string, ip: string): Promise<void> {
  const keys = throttleKeys(email, ip);
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keys.account));
  await db
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, keys.address));
}
