import path from "node:path";

/** Validated process configuration; see docs/architecture.md, "Configuration". */
export interface Config {
  port: number;
  origin: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  production: boolean;
  /** Number of reverse-proxy hops whose X-Forwarded-For is trusted (0: none). */
  trustProxy: number;
  /** Open co-editing sockets, and separately live-update streams, one user may hold per node. */
  maxConnectionsPerUser: number;
  /** Largest form body accepted, in bytes; larger ones are refused with 413 before parsing. */
  formMaxBytes: number;
}

/** Default limit for form bodies: 1 MiB. */
export const DEFAULT_FORM_MAX_BYTES = 1024 * 1024;
const FORM_MAX_BYTES_CEILING = 1024 * 1024 * 1024;

/** Thrown for a configuration value that cannot be used; the message is one line for operators. */
export class ConfigError extends Error {
  constructor(variable: string, expected: string, got: string | undefined) {
    super(`Invalid configuration: ${variable} must be ${expected} (got ${JSON.stringify(got)})`);
    this.name = "ConfigError";
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function parseUrl(variable: string, value: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `a URL with scheme ${protocols.join(" or ")}`, value);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `a URL with scheme ${protocols.join(" or ")}`, value);
  }
  return url;
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const portText = nonEmpty(env.PORT) ?? "3000";
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new ConfigError("PORT", "an integer between 1 and 65535", env.PORT);
  }
  const port = Number(portText);

  const originText = nonEmpty(env.ORIGIN) ?? `http://localhost:${port}`;
  const originUrl = parseUrl("ORIGIN", originText, ["http:", "https:"]);
  if (originUrl.pathname !== "/" || originUrl.search || originUrl.hash || originUrl.username) {
    throw new ConfigError(
      "ORIGIN",
      "a bare origin such as https://ratschlag.example.de (no path, query or credentials)",
      env.ORIGIN,
    );
  }

  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl) parseUrl("DATABASE_URL", databaseUrl, ["postgres:", "postgresql:"]);

  const redisUrl = nonEmpty(env.REDIS_URL);
  if (redisUrl) parseUrl("REDIS_URL", redisUrl, ["redis:", "rediss:"]);

  const logLevel = (nonEmpty(env.LOG_LEVEL) ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError("LOG_LEVEL", `one of ${LOG_LEVELS.join(", ")}`, env.LOG_LEVEL);
  }

  const trustText = nonEmpty(env.TRUST_PROXY) ?? "0";
  if (!/^\d{1,2}$/.test(trustText)) {
    throw new ConfigError(
      "TRUST_PROXY",
      "the number of trusted reverse-proxy hops (0–99)",
      env.TRUST_PROXY,
    );
  }

  const connectionsText = nonEmpty(env.MAX_CONNECTIONS_PER_USER) ?? "20";
  if (!/^\d{1,4}$/.test(connectionsText) || Number(connectionsText) < 1) {
    throw new ConfigError(
      "MAX_CONNECTIONS_PER_USER",
      "a whole number from 1 to 9999",
      env.MAX_CONNECTIONS_PER_USER,
    );
  }

  const formMaxText = nonEmpty(env.FORM_MAX_BYTES);
  let formMaxBytes = DEFAULT_FORM_MAX_BYTES;
  if (formMaxText !== undefined) {
    const match = /^(\d{1,10})\s*([kKmM]?)$/.exec(formMaxText);
    const unit = match?.[2].toLowerCase() === "m" ? 1024 * 1024 : match?.[2] ? 1024 : 1;
    formMaxBytes = match ? Number(match[1]) * unit : NaN;
    if (!(formMaxBytes >= 1024 && formMaxBytes <= FORM_MAX_BYTES_CEILING)) {
      throw new ConfigError(
        "FORM_MAX_BYTES",
        "a size between 1024 bytes and 1G, in bytes or with K or M (e.g. 1M)",
        env.FORM_MAX_BYTES,
      );
    }
  }

  return {
    port,
    origin: originUrl.origin,
    databaseUrl,
    redisUrl,
    dataDir: path.resolve(nonEmpty(env.DATA_DIR) ?? "data"),
    logLevel: logLevel as Config["logLevel"],
    production: env.NODE_ENV === "production",
    trustProxy: Number(trustText),
    maxConnectionsPerUser: Number(connectionsText),
    formMaxBytes,
  };
}
