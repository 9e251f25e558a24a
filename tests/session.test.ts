import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client.ts";
import { authSessions } from "#db/schema/index.ts";
import {
  ABSOLUTE_TIMEOUT_MS,
  createSession,
  INACTIVITY_TIMEOUT_MS,
  invalidateSession,
  readCookie,
  sessionCookie,
  validateSessionToken,
} from "#server/auth/session.ts";
import { setUserDisabled, setUserPassword } from "#server/domain/admin.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createUser, type TestUser } from "#tests/helpers/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let handle: DatabaseHandle;
let user: TestUser;
let admin: TestUser;

beforeAll(async () => {
  handle = await createTestDatabase();
  user = await createUser(handle.db);
  admin = await createUser(handle.db, { isAdmin: true });
});
afterAll(() => handle?.close());

const minutes = (n: number) => n * 60 * 1000;

describe("sessions (Lucia design)", () => {
  it("issues a token <id>.<secret> and stores only a hash of the secret", async () => {
    const { token, session } = await createSession(handle.db, user.id);
    const [id, secret] = token.split(".");
    expect(id).toBe(session.id);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const [row] = await handle.db.select().from(authSessions).where(eq(authSessions.id, id));
    expect(row.secretHash).toHaveLength(32);
    expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(secret);
    const result = await validateSessionToken(handle.db, token);
    expect(result?.user.id).toBe(user.id);
  });

  it("rejects a wrong secret, a malformed token and an unknown id", async () => {
    const { token } = await createSession(handle.db, user.id);
    const [id] = token.split(".");
    expect(
      await validateSessionToken(handle.db, `${id}.wrongsecretwrongsecretwrongsecret`),
    ).toBeNull();
    expect(await validateSessionToken(handle.db, "garbage")).toBeNull();
    expect(await validateSessionToken(handle.db, "a.b.c")).toBeNull();
    expect(await validateSessionToken(handle.db, `unknown.${token.split(".")[1]}`)).toBeNull();
  });

  it("expires after inactivity and deletes the session", async () => {
    const start = new Date("2026-01-01T08:00:00Z");
    const { token, session } = await createSession(handle.db, user.id, start);
    const active = new Date(start.getTime() + INACTIVITY_TIMEOUT_MS - minutes(1));
    expect(await validateSessionToken(handle.db, token, active)).not.toBeNull();
    // Activity at `active` moved the inactivity window forward.
    const later = new Date(active.getTime() + INACTIVITY_TIMEOUT_MS - minutes(1));
    expect(await validateSessionToken(handle.db, token, later)).not.toBeNull();
    const idle = new Date(later.getTime() + INACTIVITY_TIMEOUT_MS);
    expect(await validateSessionToken(handle.db, token, idle)).toBeNull();
    const rows = await handle.db.select().from(authSessions).where(eq(authSessions.id, session.id));
    expect(rows).toHaveLength(0);
  });

  it("expires at the absolute timeout however active the user is", async () => {
    const start = new Date("2026-01-02T08:00:00Z");
    const { token } = await createSession(handle.db, user.id, start);
    let now = start.getTime();
    while (now + minutes(30) < start.getTime() + ABSOLUTE_TIMEOUT_MS) {
      now += minutes(30);
      expect(await validateSessionToken(handle.db, token, new Date(now))).not.toBeNull();
    }
    expect(
      await validateSessionToken(handle.db, token, new Date(start.getTime() + ABSOLUTE_TIMEOUT_MS)),
    ).toBeNull();
  });

  it("is revoked by logout", async () => {
    const { token, session } = await createSession(handle.db, user.id);
    await invalidateSession(handle.db, session.id);
    expect(await validateSessionToken(handle.db, token)).toBeNull();
  });

  it("revokes all of a user's sessions when the password is changed", async () => {
    const victim = await createUser(handle.db);
    const a = await createSession(handle.db, victim.id);
    const b = await createSession(handle.db, victim.id);
    const other = await createSession(handle.db, user.id);
    await setUserPassword(testServices(handle.db), admin, {
      userId: victim.id,
      password: "a new long password",
    });
    expect(await validateSessionToken(handle.db, a.token)).toBeNull();
    expect(await validateSessionToken(handle.db, b.token)).toBeNull();
    expect(await validateSessionToken(handle.db, other.token)).not.toBeNull();
  });

  it("ends the sessions of a disabled account", async () => {
    const victim = await createUser(handle.db);
    const { token } = await createSession(handle.db, victim.id);
    await setUserDisabled(testServices(handle.db), admin, { userId: victim.id, disabled: true });
    expect(await validateSessionToken(handle.db, token)).toBeNull();
  });

  it("sets an HttpOnly, SameSite=Lax cookie, Secure in production", () => {
    const cookie = sessionCookie("abc.def", true);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
    expect(sessionCookie("abc.def", false)).not.toContain("Secure");
    expect(readCookie(`x=1; ratschlag_session=abc.def; y=2`, "ratschlag_session")).toBe("abc.def");
  });
});
