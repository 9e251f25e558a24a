import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestInfo } from "#server/context.ts";
import type { DatabaseHandle } from "#db/client.ts";
import { DEMO_PASSWORD } from "#server/seed/demo-data.ts";
import { action as loginAction } from "#app/routes/login.tsx";
import { createUser as adminCreateUser, setUserPassword } from "#server/domain/admin.ts";
import { DomainError } from "#server/domain/errors.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createUser, TEST_PASSWORD } from "#tests/helpers/fixtures.ts";
import { routeContext, testServices } from "#testkit/services.ts";

const ORIGIN = "https://ratschlag.example.de";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

function context(auth: RequestInfo["auth"] = null) {
  const services = testServices(handle.db);
  return routeContext(
    { ...services, config: { ...services.config, origin: ORIGIN } },
    { auth, ip: "10.40.0.1" },
  );
}

function loginRequest(email: string, password: string): Request {
  return new Request(`${ORIGIN}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
}

async function loginStatus(email: string, password: string): Promise<number> {
  try {
    const result = await loginAction({
      request: loginRequest(email, password),
      context: context(),
      params: {},
    } as never);
    return (result as { init?: ResponseInit }).init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function fieldErrors(work: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    throw error;
  }
  return {};
}

describe("passwords", () => {
  it("issue 10 item 13: a password is never trimmed, at creation or at login", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const password = "  Leerzeichen am Rand 2027  ";
    const { id } = await adminCreateUser(testServices(handle.db), admin, {
      email: "spaces@example.test",
      name: "Spaces",
      password,
    });
    expect(id).toBeTruthy();
    expect(await loginStatus("spaces@example.test", password)).toBe(302);
    expect(await loginStatus("spaces@example.test", password.trim())).toBe(401);
  });

  it("issue 10 item 13: guessable passwords are refused wherever a password is set", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const target = await createUser(handle.db);
    for (const weak of ["passwordpassword", "passwort1234", "123456789012", "aaaaaaaaaaaa"]) {
      expect(
        await fieldErrors(
          adminCreateUser(testServices(handle.db), admin, {
            email: "weak@example.test",
            name: "W",
            password: weak,
          }),
        ),
        weak,
      ).toEqual({ password: "form.passwordWeak" });
      expect(
        await fieldErrors(
          setUserPassword(testServices(handle.db), admin, { userId: target.id, password: weak }),
        ),
        weak,
      ).toEqual({ password: "form.passwordWeak" });
    }
    for (const good of [DEMO_PASSWORD, TEST_PASSWORD, "Hallo Welt 2027!"]) {
      expect(
        await fieldErrors(
          setUserPassword(testServices(handle.db), admin, { userId: target.id, password: good }),
        ),
        good,
      ).toEqual({});
    }
  });
});
