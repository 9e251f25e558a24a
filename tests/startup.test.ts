import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const tsx = path.resolve("node_modules/.bin/tsx");

function start(env: Record<string, string>) {
  return spawnSync(tsx, ["server/main.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("server start-up", () => {
  it("refuses a bad configuration with one line naming the variable", () => {
    const result = start({ PORT: "abc" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")',
    ]);
  });

  it("says clearly when the database cannot be reached", () => {
    const result = start({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Cannot open the database (DATABASE_URL)");
    expect(result.stderr).toContain("ECONNREFUSED");
  });
});
