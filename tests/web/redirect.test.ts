import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestInfo } from "#server/context.ts";
import type { DatabaseHandle } from "#db/client.ts";
import { action as langAction } from "#app/routes/lang.tsx";
import { action as loginAction, loader as loginLoader } from "#app/routes/login.tsx";
import { safeRedirectPath } from "#app/lib/safe-redirect.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createUser, TEST_PASSWORD } from "#tests/helpers/fixtures.ts";
import { routeContext, testServices } from "#testkit/services.ts";

const ORIGIN = "https://ratschlag.example.de";
const HOSTILE = [
  "/\\evil.example",
  "/\t/evil.example",
  "//evil.example",
  "/\\/evil.example",
  "https://evil.example/",
  "\\\\evil.example",
  " //evil.example",
  "javascript:alert(1)",
  "/\n/evil.example",
];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

function context(auth: RequestInfo["auth"] = null) {
  const services = testServices(handle.db);
  return routeContext(
    { ...services, config: { ...services.config, origin: ORIGIN } },
    { auth, ip: "10.20.0.1" },
  );
}

function post(path: string, fields: Record<string, string>): Request {
  return new Request(`${ORIGIN}${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

/** Runs a route function and returns the Location of the redirect it answered with. */
async function locationOf(run: () => Promise<unknown>): Promise<string | null> {
  try {
    const result = await run();
    return result instanceof Response ? result.headers.get("Location") : null;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.headers.get("Location");
    throw thrown;
  }
}

/** Where a browser at ORIGIN would end up following this Location. */
function landing(location: string | null): string {
  return new URL(location ?? "", `${ORIGIN}/login`).origin;
}

describe("safe redirects", () => {
  it("issue 10 item 6: the helper accepts only same-origin paths", () => {
    for (const target of HOSTILE) expect(safeRedirectPath(target, ORIGIN)).toBe("/");
    expect(safeRedirectPath("/c/123/s/456?x=1#top", ORIGIN)).toBe("/c/123/s/456?x=1#top");
    expect(safeRedirectPath(`${ORIGIN}/c/1`, ORIGIN)).toBe("/c/1");
    expect(safeRedirectPath(null, ORIGIN)).toBe("/");
    expect(safeRedirectPath("", ORIGIN)).toBe("/");
  });

  it("issue 10 item 6: /login never sends a signed-in user to another host", async () => {
    const user = await createUser(handle.db);
    for (const target of HOSTILE) {
      const location = await locationOf(() =>
        loginAction({
          request: post("/login", {
            email: user.email,
            password: TEST_PASSWORD,
            redirectTo: target,
          }),
          context: context(),
          params: {},
        } as never),
      );
      expect(location, target).not.toBeNull();
      expect(landing(location), target).toBe(ORIGIN);
      const fromLoader = await locationOf(() =>
        loginLoader({
          request: new Request(`${ORIGIN}/login?redirectTo=${encodeURIComponent(target)}`),
          context: context({ user: { id: user.id } } as never),
          params: {},
        } as never),
      );
      expect(landing(fromLoader), target).toBe(ORIGIN);
    }
    const good = await locationOf(() =>
      loginAction({
        request: post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/c/1" }),
        context: context(),
        params: {},
      } as never),
    );
    expect(good).toBe("/c/1");
  });

  it("issue 10 item 6: /lang never sends anyone to another host", async () => {
    for (const target of HOSTILE) {
      const location = await locationOf(() =>
        langAction({
          request: post("/lang", { lang: "en", redirectTo: target }),
          context: context(),
          params: {},
        } as never),
      );
      expect(landing(location), target).toBe(ORIGIN);
    }
    const good = await locationOf(() =>
      langAction({
        request: post("/lang", { lang: "en", redirectTo: "/c/1?tab=x" }),
        context: context(),
        params: {},
      } as never),
    );
    expect(good).toBe("/c/1?tab=x");
  });
});
