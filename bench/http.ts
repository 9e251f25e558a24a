/**
 * `npm run bench:http`: concurrent page loads (autocannon) against the real production server
 * (server/main.ts, embedded demo database in a temporary DATA_DIR), logged in as the demo
 * editor: consultation overview, a section page, the measures plan, and /healthz as the
 * trivial ceiling, in one run. Builds the app first when build/ is missing or --build is given.
 * Flags: --smoke (1 s per route, 2 connections), --connections=C, --seconds=S.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { parseFlags, round, table, writeResult } from "./lib/common.ts";
import { canPin, freePort, pinSelf, repoRoot, spawnServer } from "#testkit/infra.ts";

const DEMO_EMAIL = "editor@ratschlag.test";
const DEMO_PASSWORD = "Ratschlag-Demo-2027";

interface RouteResult {
  name: string;
  path: string;
  status: number | null;
  requestsPerSecond: number | null;
  p50: number | null;
  p99: number | null;
  errors: number;
  non2xx: number;
  skipped?: string;
}

function ensureBuild(force: boolean, log: (line: string) => void): void {
  if (!force && fs.existsSync(path.join(repoRoot, "build/server/index.js"))) return;
  log("  building the app (react-router build) …");
  execFileSync("npx", ["react-router", "build"], { cwd: repoRoot, stdio: "inherit" });
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: DEMO_EMAIL, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => !c.endsWith("="));
  if (!cookie) throw new Error(`login as ${DEMO_EMAIL} failed: HTTP ${res.status}`);
  return cookie;
}

async function firstLink(base: string, cookie: string, page: string, pattern: RegExp) {
  const html = await (await fetch(base + page, { headers: { cookie } })).text();
  const match = pattern.exec(html);
  if (!match) throw new Error(`no link matching ${pattern} on ${page}`);
  return match[0];
}

function run(url: string, cookie: string, connections: number, seconds: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      { url, connections, duration: seconds, headers: { cookie } },
      (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
  });
}

export async function benchHttp(flags: Map<string, string>, log = console.log) {
  const smoke = flags.has("smoke");
  const connections = Number(flags.get("connections") ?? (smoke ? 2 : 10));
  const seconds = Number(flags.get("seconds") ?? (smoke ? 1 : 10));
  ensureBuild(flags.has("build"), log);
  const pinned = canPin(2) && pinSelf(1);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ratschlag-bench-http-"));
  const start = () =>
    spawnServer(path.join(repoRoot, "server/main.ts"), {
      core: pinned ? 0 : undefined,
      readyMarker: "is listening",
      readyTimeoutMs: 120_000,
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        ORIGIN: base,
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        REDIS_URL: "",
        LOG_LEVEL: "warn",
      },
    });
  // build/ is shared with whoever else builds in this work tree; rebuild once if it vanished.
  const server = await start().catch(async (err: Error) => {
    if (!/No production build/.test(err.message)) throw err;
    ensureBuild(true, log);
    return start();
  });
  const results: RouteResult[] = [];
  try {
    const cookie = await login(base);
    const consultation = await firstLink(base, cookie, "/", /\/c\/[0-9a-f-]{36}/);
    const section = await firstLink(
      base,
      cookie,
      consultation,
      /\/c\/[0-9a-f-]{36}\/s\/[0-9a-f-]{36}/,
    );
    const routes = [
      ["consultation overview", consultation],
      ["section page", section],
      ["measures plan", `${consultation}/measures`],
      ["/healthz (ceiling)", "/healthz"],
    ];
    for (const [name, route] of routes) {
      const probe = await fetch(base + route, { headers: { cookie }, redirect: "manual" });
      await probe.arrayBuffer();
      if (probe.status !== 200) {
        results.push({
          name,
          path: route,
          status: probe.status,
          requestsPerSecond: null,
          p50: null,
          p99: null,
          errors: 0,
          non2xx: 0,
          skipped: `HTTP ${probe.status}`,
        });
        log(`  ${name}: skipped (HTTP ${probe.status})`);
        continue;
      }
      const result = await run(base + route, cookie, connections, seconds);
      const entry: RouteResult = {
        name,
        path: route,
        status: 200,
        requestsPerSecond: round(result.requests.average, 0),
        p50: round(result.latency.p50, 1),
        p99: round(result.latency.p99, 1),
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
      };
      results.push(entry);
      log(`  ${name}: ${entry.requestsPerSecond} req/s, p50 ${entry.p50} ms, p99 ${entry.p99} ms`);
    }
  } finally {
    await server.stop("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const markdown = table(
    ["route", "requests/s", "p50 ms", "p99 ms", "errors", "non-2xx"],
    results.map((r) => [
      r.skipped ? `${r.name} (skipped: ${r.skipped})` : r.name,
      r.requestsPerSecond,
      r.p50,
      r.p99,
      r.errors,
      r.non2xx,
    ]),
  );
  const settings = { connections, seconds, pinned };
  const file = writeResult(smoke ? "http-smoke" : "http", { settings, results });
  log("\n" + markdown + `\n\nJSON: ${path.relative(repoRoot, file)}`);
  return { settings, results, markdown };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchHttp(parseFlags());
  process.exit(0);
}
