import { eq, inArray } from "drizzle-orm";
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

/** Returns the seconds until a login may be tried again, or 0 when neither key is locked. */
export async function loginRetryAfter(
  db: Database,
  email: string,
  ip: string,
  now = new Date(),
): Promise<number> {
  const keys = throttleKeys(email, ip);
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, [keys.account, keys.address]));
  let wait = 0;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) {
      wait = Math.max(wait, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
    }
  }
  return wait;
}

async function countFailure(db: Database, key: string, limit: number, now: Date): Promise<void> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  const windowExpired = !row || now.getTime() - row.windowStartedAt.getTime() > THROTTLE_WINDOW_MS;
  const failures = windowExpired ? 1 : row.failures + 1;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + THROTTLE_LOCK_MS) : null;
  const values = {
    key,
    failures: lockedUntil ? 0 : failures,
    windowStartedAt: windowExpired || lockedUntil ? now : row.windowStartedAt,
    lockedUntil,
  };
  await db
    .insert(loginThrottle)
    .values(values)
    .onConflictDoUpdate({ target: loginThrottle.key, set: values });
}

/** Records a failed login for the account and the address; locks a key that reached its limit. */
export async function recordLoginFailure(
  db: Database,
  email: string,
  ip: string,
  now = new Date(),
): Promise<void> {
  const keys = throttleKeys(email, ip);
  await countFailure(db, keys.account, MAX_FAILURES_PER_ACCOUNT, now);
  await countFailure(db, keys.address, MAX_FAILURES_PER_ADDRESS, now);
}

/** Clears the account's counter after a successful login (the address keeps its count). */
export async function recordLoginSuccess(db: Database, email: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, throttleKeys(email, "").account));
}
