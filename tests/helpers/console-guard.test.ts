import { describe, expect, it } from "vitest";
import { allowConsoleError } from "./console-guard.ts";

describe("console guard", () => {
  it("lets a test that opted in log errors and read them back", () => {
    const logged = allowConsoleError();
    console.error("expected: %s", "boom");
    expect(logged.messages).toEqual(["expected: boom"]);
  });

  it("starts every test without the opt-in", () => {
    // A test that logged here would fail in afterEach; the previous test's allowance is gone.
    const logged = allowConsoleError();
    expect(logged.messages).toEqual([]);
  });
});
