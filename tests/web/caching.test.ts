import { describe, expect, it } from "vitest";
import type { EntryContext } from "react-router";
import type { RequestInfo } from "#server/context.ts";
import type { Services } from "#server/services.ts";
import { routeContext } from "#testkit/services.ts";
import handleRequest, { handleDataRequest } from "#app/entry.server.tsx";

const ORIGIN = "https://ratschlag.example.de";

function context(auth: RequestInfo["auth"] = null) {
  return routeContext({} as Services, { auth, nonce: "n" });
}

describe("caching", () => {
  const auth = { session: { id: "s" }, user: { id: "u", locale: "de" } } as never;

  it("issue 10 item 13: authenticated HTML and .data responses are never stored", async () => {
    const page = (await handleRequest(
      new Request(`${ORIGIN}/`, { method: "HEAD" }),
      200,
      new Headers(),
      {} as EntryContext,
      context(auth),
    )) as Response;
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const dataResponse = handleDataRequest(new Response("{}"), {
      request: new Request(`${ORIGIN}/c/1.data`),
      context: context(auth),
      params: {},
    } as never);
    expect(dataResponse.headers.get("Cache-Control")).toBe("no-store");
    const anonymous = handleDataRequest(new Response("{}"), {
      request: new Request(`${ORIGIN}/login.data`),
      context: context(),
      params: {},
    } as never);
    expect(anonymous.headers.get("Cache-Control")).toBeNull();
  });
});
