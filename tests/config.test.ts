import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "#server/config.ts";

describe("configuration", () => {
  it("has working defaults for the embedded demo", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      origin: "http://localhost:3000",
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: path.resolve("data"),
      logLevel: "info",
      production: false,
      trustProxy: 0,
    });
  });

  it("derives the default origin from the port", () => {
    expect(loadConfig({ PORT: "8080" }).origin).toBe("http://localhost:8080");
  });

  it("accepts a full server configuration", () => {
    const config = loadConfig({
      PORT: "3001",
      ORIGIN: "https://ratschlag.example.de/",
      DATABASE_URL: "postgres://app:secret@db:5432/ratschlag",
      REDIS_URL: "redis://cache:6379",
      DATA_DIR: "/var/lib/ratschlag",
      LOG_LEVEL: "WARN",
      NODE_ENV: "production",
      TRUST_PROXY: "1",
      MAX_CONNECTIONS_PER_USER: "50",
    });
    expect(config.origin).toBe("https://ratschlag.example.de");
    expect(config.logLevel).toBe("warn");
    expect(config.production).toBe(true);
    expect(config.trustProxy).toBe(1);
    expect(config.maxConnectionsPerUser).toBe(50);
    expect(loadConfig({}).maxConnectionsPerUser).toBe(20);
  });

  const bad: [string, Record<string, string>][] = [
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "70000" }],
    ["PORT", { PORT: "0" }],
    ["ORIGIN", { ORIGIN: "ratschlag.example.de" }],
    ["ORIGIN", { ORIGIN: "ftp://ratschlag.example.de" }],
    ["ORIGIN", { ORIGIN: "https://ratschlag.example.de/app" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }],
    ["DATABASE_URL", { DATABASE_URL: "not a url" }],
    ["REDIS_URL", { REDIS_URL: "http://localhost:6379" }],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }],
    ["TRUST_PROXY", { TRUST_PROXY: "yes" }],
    ["MAX_CONNECTIONS_PER_USER", { MAX_CONNECTIONS_PER_USER: "0" }],
    ["MAX_CONNECTIONS_PER_USER", { MAX_CONNECTIONS_PER_USER: "viele" }],
  ];
  for (const [variable, env] of bad) {
    it(`refuses ${JSON.stringify(env)} with one line naming ${variable}`, () => {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain(variable);
      expect(message).toContain("must be");
      expect(message).not.toContain("\n");
    });
  }
});
