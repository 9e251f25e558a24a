/**
 * Process and service plumbing shared by the benchmarks (bench/) and the fault-injection suite
 * (tests/faults/), which import it from here and never from each other: free ports, child servers that can be killed for real, private PostgreSQL
 * and Redis instances on free ports, and a small TCP balancer. Loopback only.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

/** The repository root (testkit/..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * A port nobody listens on right now, picked below the kernel's ephemeral range (32768+) so
 * that outgoing connections of other processes cannot take it before our child listens.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(candidate)) return candidate;
  }
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; throws naming `what` after `timeoutMs` (no timing claims). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await sleep(intervalMs);
  }
}

/** True when `taskset` exists and the machine has at least `cores` CPUs. */
export function canPin(cores = 2): boolean {
  if (os.availableParallelism() < cores) return false;
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Pins this process (and its future children without a pin of their own) to one core. */
export function pinSelf(core: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(core), String(process.pid)], {
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

export interface ChildServer {
  proc: ChildProcess;
  pid: number;
  /** Every stderr line so far (servers log JSON lines there). */
  stderr: string[];
  /** Every stdout line so far. */
  stdout: string[];
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, then resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Sends a signal and resolves once the process exited. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** Core to pin the child to with taskset. */
  core?: number;
  /** A stdout line containing this marks the child as ready (default "ready"). */
  readyMarker?: string;
  readyTimeoutMs?: number;
  /** Extra node flags (e.g. --expose-gc). */
  nodeArgs?: string[];
  args?: string[];
}

/** Children still running; killed when this process exits or is interrupted. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill("SIGKILL");
      process.exit(130);
    });
  }
}

/** Starts `script` (TypeScript, through tsx) as a child process and waits for its ready line. */
export async function spawnServer(
  script: string,
  options: SpawnOptions = {},
): Promise<ChildServer> {
  const nodeArgs = [
    ...(options.nodeArgs ?? []),
    "--import",
    "tsx",
    script,
    ...(options.args ?? []),
  ];
  const command = options.core === undefined ? process.execPath : "taskset";
  const args =
    options.core === undefined
      ? nodeArgs
      : ["-c", String(options.core), process.execPath, ...nodeArgs];
  const proc = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  installExitHook();
  running.add(proc);
  proc.once("exit", () => running.delete(proc));
  const stderr: string[] = [];
  const stdout: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal })),
  );
  lines(proc.stderr!, (line) => {
    stderr.push(line);
    if (process.env.FAULTS_VERBOSE) process.stderr.write(`[child ${proc.pid}] ${line}\n`);
  });
  const marker = options.readyMarker ?? "ready";
  const ready = new Promise<void>((resolve, reject) => {
    lines(proc.stdout!, (line) => {
      stdout.push(line);
      if (line.includes(marker)) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(
        new Error(
          `${path.basename(script)} exited before ready (code ${code}, signal ${signal}):\n` +
            stderr.slice(-20).join("\n"),
        ),
      ),
    );
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${path.basename(script)} not ready in time`)),
          options.readyTimeoutMs ?? 60_000,
        );
      }),
    ]);
  } catch (err) {
    proc.kill("SIGKILL");
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const child: ChildServer = {
    proc,
    pid: proc.pid!,
    stderr,
    stdout,
    exited,
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
    async stop(signal = "SIGTERM") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
  return child;
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    rest += chunk;
    const parts = rest.split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) if (part) onLine(part);
  });
}

/** Resident set size of a process in bytes (Linux /proc), or NaN when unavailable. */
export function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user+system, ms) a process used so far (Linux /proc), or NaN. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------------------------------------
// Private PostgreSQL

function pgBinDir(): string | null {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(base, versions[0], "bin") : null;
}

/** True when initdb and pg_ctl are installed (Debian layout). */
export function privatePostgresAvailable(): boolean {
  return pgBinDir() !== null;
}

export interface PrivatePostgres {
  port: number;
  /** postgres:// URL of the `postgres` database of this instance. */
  url: string;
  /** URL of another database on this instance. */
  urlOf(database: string): string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  start(): Promise<void>;
  /** True between start() and stop(). */
  readonly running: boolean;
  /** Fast shutdown: open connections are terminated. */
  stop(): Promise<void>;
  /** Stops (if running) and deletes the data folder. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL instance of our own in a temporary folder on a free port, so a test can stop it
 * without touching the machine's shared server. Runs as the `postgres` user when we are root
 * (initdb refuses root).
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = pgBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ratschlag-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "pipe" });
    else execFileSync(full, args, { stdio: "pipe" });
  };
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let running = false;
  const instance: PrivatePostgres = {
    port,
    url,
    urlOf,
    get running() {
      return running;
    },
    async createDatabase(name) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database ${name}`);
      } finally {
        await admin.end();
      }
      return urlOf(name);
    },
    async start() {
      run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
      running = true;
    },
    async stop() {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    async destroy() {
      if (running) {
        try {
          await instance.stop();
        } catch {
          // Already gone; the folder is removed below either way.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await instance.start();
  return instance;
}

// ---------------------------------------------------------------------------------------------
// Private Redis

export interface PrivateRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A throw-away redis-server on a free port (no persistence), or null when not installed. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const proc = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk) => {
      out += String(chunk);
      if (out.includes("Ready to accept connections")) resolve();
    });
    proc.once("error", reject);
    void exited.then(() => reject(new Error(`redis-server exited: ${out.slice(-500)}`)));
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A balancer in front of several nodes

export interface Balancer {
  port: number;
  /** Backend ports still tried; the first that accepts wins. */
  backends: number[];
  /** Backend port of each open proxied connection's choice, for assertions. */
  chosen: number[];
  close(): Promise<void>;
}

/**
 * A TCP balancer on loopback: each new connection goes to the first backend that accepts it
 * (like a load balancer with health checks). When a backend dies, its proxied connections
 * close and the clients' reconnects land on the next backend.
 */
export async function startBalancer(backends: number[]): Promise<Balancer> {
  const sockets = new Set<net.Socket>();
  const chosen: number[] = [];
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    client.pause();
    const tryBackend = (index: number) => {
      if (index >= balancer.backends.length) {
        client.destroy();
        return;
      }
      const upstream = net.connect(balancer.backends[index], "127.0.0.1");
      let connected = false;
      upstream.on("error", () => {
        upstream.destroy();
        if (!connected) tryBackend(index + 1);
        else client.destroy();
      });
      upstream.once("connect", () => {
        connected = true;
        chosen.push(balancer.backends[index]);
        sockets.add(upstream);
        upstream.on("close", () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on("close", () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const balancer: Balancer = {
    port: (server.address() as net.AddressInfo).port,
    backends: [...backends],
    chosen,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return balancer;
}
