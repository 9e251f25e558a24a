import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client.ts";
import { auditLog, loginThrottle } from "#db/schema/index.ts";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  THROTTLE_LOCK_MS,
} from "#server/auth/throttle.ts";
import { validateSessionToken } from "#server/auth/session.ts";
import { login } from "#server/domain/auth.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createUser, TEST_PASSWORD } from "#tests/helpers/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

describe("login", () => {
  it("creates a new session on each login and audits it", async () => {
    const user = await createUser(handle.db);
    const first = await login(testServices(handle.db), {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: "10.0.0.1",
    });
    const second = await login(testServices(handle.db), {
      email: user.email,
      password: TEST_PASSWORD,
      ip: "10.0.0.1",
    });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.token).not.toBe(second.token);
    expect((await validateSessionToken(handle.db, first.token))?.user.id).toBe(user.id);
    const rows = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.actorUserId, user.id)));
    expect(rows).toHaveLength(2);
    expect(rows[0].ip).toBe("10.0.0.1");
  });

  it("refuses a wrong password and an unknown account the same way, and audits both", async () => {
    const user = await createUser(handle.db);
    const wrong = await login(testServices(handle.db), {
      email: user.email,
      password: "wrong password!",
      ip: "10.0.0.2",
    });
    const unknown = await login(testServices(handle.db), {
      email: "nobody@example.test",
      password: "x",
      ip: "10.0.0.2",
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalid_credentials" });
    const failures = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.login_failed"));
    expect(failures.map((f) => f.actorLabel)).toEqual(
      expect.arrayContaining([user.email, "nobody@example.test"]),
    );
  });

  it("locks an account after repeated failures, even for the right password, then lets it in again", async () => {
    const user = await createUser(handle.db);
    const start = new Date("2026-02-01T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const r = await login(
        testServices(handle.db),
        { email: user.email, password: "nope", ip: `10.1.0.${i}` },
        start,
      );
      expect(r.ok).toBe(false);
    }
    const locked = await login(
      testServices(handle.db),
      { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" },
      start,
    );
    expect(locked.ok).toBe(false);
    expect(locked).toMatchObject({ reason: "throttled" });
    if (!locked.ok && locked.reason === "throttled") {
      expect(locked.retryAfterSeconds).toBeGreaterThan(0);
      expect(locked.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE_LOCK_MS / 1000);
    }
    const after = new Date(start.getTime() + THROTTLE_LOCK_MS + 1000);
    const again = await login(
      testServices(handle.db),
      { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" },
      after,
    );
    expect(again.ok).toBe(true);
  });

  it("a successful login resets the account's failure count", async () => {
    const user = await createUser(handle.db);
    const now = new Date("2026-02-02T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await login(
        testServices(handle.db),
        { email: user.email, password: "nope", ip: "10.2.0.1" },
        now,
      );
    }
    expect(
      (
        await login(
          testServices(handle.db),
          { email: user.email, password: TEST_PASSWORD, ip: "10.2.0.1" },
          now,
        )
      ).ok,
    ).toBe(true);
    await login(
      testServices(handle.db),
      { email: user.email, password: "nope", ip: "10.2.0.1" },
      now,
    );
    expect(
      (
        await login(
          testServices(handle.db),
          { email: user.email, password: TEST_PASSWORD, ip: "10.2.0.1" },
          now,
        )
      ).ok,
    ).toBe(true);
  });

  it("throttles one address that tries many accounts", async () => {
    const now = new Date("2026-02-03T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await login(
        testServices(handle.db),
        { email: `spray${i}@example.test`, password: "x", ip: "10.9.9.9" },
        now,
      );
    }
    const user = await createUser(handle.db);
    const blocked = await login(
      testServices(handle.db),
      { email: user.email, password: TEST_PASSWORD, ip: "10.9.9.9" },
      now,
    );
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    const elsewhere = await login(
      testServices(handle.db),
      { email: user.email, password: TEST_PASSWORD, ip: "10.9.9.10" },
      now,
    );
    expect(elsewhere.ok).toBe(true);
  });

  it("issue 10 item 5: 80 parallel wrong guesses against one account are counted atomically", async () => {
    const user = await createUser(handle.db);
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        login(testServices(handle.db), {
          email: user.email,
          password: `wrong guess ${i}`,
          ip: `10.5.${Math.floor(i / 20)}.${i % 20}`,
        }),
      ),
    );
    const evaluated = results.filter((r) => !r.ok && r.reason === "invalid_credentials");
    const throttled = results.filter((r) => !r.ok && r.reason === "throttled");
    expect(evaluated).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(throttled).toHaveLength(80 - MAX_FAILURES_PER_ACCOUNT);
    const failures = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.login_failed"), eq(auditLog.targetId, user.id)));
    expect(failures).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    // The lock engaged: even the right password is refused now.
    const right = await login(testServices(handle.db), {
      email: user.email,
      password: TEST_PASSWORD,
      ip: "10.5.9.9",
    });
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("issue 10 item 5: N concurrent failures below the limit count N", async () => {
    const user = await createUser(handle.db);
    const n = MAX_FAILURES_PER_ACCOUNT - 1;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        login(testServices(handle.db), {
          email: user.email,
          password: `nope ${i}`,
          ip: "10.6.0.1",
        }),
      ),
    );
    const [row] = await handle.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `account:${user.email}`));
    expect(row.failures).toBe(n);
    expect(row.lockedUntil).toBeNull();
    // One more failure reaches the limit and locks the account.
    await login(testServices(handle.db), { email: user.email, password: "nope", ip: "10.6.0.1" });
    expect(
      await login(testServices(handle.db), {
        email: user.email,
        password: TEST_PASSWORD,
        ip: "10.6.0.1",
      }),
    ).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("successful logins do not use up the address's failure budget", async () => {
    const user = await createUser(handle.db);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS + 2; i++) {
      const r = await login(testServices(handle.db), {
        email: user.email,
        password: TEST_PASSWORD,
        ip: "10.7.0.1",
      });
      expect(r.ok).toBe(true);
    }
  });

  it("refuses a disabled account", async () => {
    const { setUserDisabled } = await import("#server/domain/admin.ts");
    const admin = await createUser(handle.db, { isAdmin: true });
    const user = await createUser(handle.db);
    await setUserDisabled(testServices(handle.db), admin, { userId: user.id, disabled: true });
    expect(
      (
        await login(testServices(handle.db), {
          email: user.email,
          password: TEST_PASSWORD,
          ip: "10.3.0.1",
        })
      ).ok,
    ).toBe(false);
  });
});
