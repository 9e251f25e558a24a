/**
 * Shared pieces of the benchmarks: a throw-away database with sections and a logged-in editor,
 * full Yjs probe clients for both protocols, percentiles, tables and result files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HocuspocusProvider } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import postgres from "postgres";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { openDatabase, type DatabaseHandle } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";
import { sections } from "#db/schema/index.ts";
import { MESSAGE_ACCESS, MESSAGE_STORED } from "#common/collab-protocol.ts";
import { createFixture, ORIGIN, socketClass } from "#testkit/collab.ts";
import { repoRoot } from "#testkit/infra.ts";
import type { Endpoint } from "./wire.ts";

export { ORIGIN };

/** The shared PostgreSQL the benchmarks create their databases on. */
export const SERVER_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

export interface BenchDatabase {
  url: string;
  handle: DatabaseHandle;
  /** Section ids usable as document names (the editor may edit all of them). */
  sectionIds: string[];
  /** Session cookie of an editor. */
  cookie: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the shared server with `count` sections and an editor. */
export async function createBenchDatabase(count: number): Promise<BenchDatabase> {
  const name = `ratschlag_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(SERVER_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (err) {
    await admin.end();
    throw new Error(
      `Cannot create a benchmark database on ${SERVER_DATABASE_URL} (${(err as Error).message}); ` +
        "set BENCH_DATABASE_URL to a PostgreSQL server where we may create databases.",
    );
  }
  await admin.end();
  const url = new URL(SERVER_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  await runMigrations(handle);
  const fixture = await createFixture(handle.db);
  const extra =
    count > 2
      ? await handle.db
          .insert(sections)
          .values(
            Array.from({ length: count - 2 }, (_, i) => ({
              consultationId: fixture.consultationId,
              title: `Abschnitt ${i + 3}`,
              position: i + 3,
            })),
          )
          .returning({ id: sections.id })
      : [];
  return {
    url: url.toString(),
    handle,
    sectionIds: [fixture.sectionId, fixture.otherSectionId, ...extra.map((s) => s.id)],
    cookie: fixture.cookies.editor,
    async drop() {
      await handle.close();
      const cleanup = postgres(SERVER_DATABASE_URL, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A full Yjs client with the server's own provider; `synced` resolves after the first sync. */
export interface Probe {
  doc: Y.Doc;
  synced: Promise<void>;
  destroy(): void;
}

export function connectProbe(endpoint: Endpoint, docName: string): Probe {
  const doc = new Y.Doc();
  if (endpoint.framing === "hocuspocus") {
    let resolveSynced!: () => void;
    const synced = new Promise<void>((resolve) => (resolveSynced = resolve));
    const provider = new HocuspocusProvider({
      url: endpoint.url,
      name: docName,
      document: doc,
      token: "bench",
      WebSocketPolyfill: WebSocket,
      onSynced: () => resolveSynced(),
    } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    return {
      doc,
      synced,
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(endpoint.url, docName, doc, {
    WebSocketPolyfill: socketClass(
      endpoint.headers ?? {},
    ) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: endpoint.params,
  });
  // Ratschlag's two extra message types; the reference server never sends them.
  provider.messageHandlers[MESSAGE_STORED] = (_e, d) => void decoding.readVarUint(d);
  provider.messageHandlers[MESSAGE_ACCESS] = (_e, d) => void decoding.readVarUint(d);
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (state: boolean) => state && resolve());
  });
  return {
    doc,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export const round = (value: number, digits = 1) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

/** Formats rows as a Markdown table. */
export function table(header: string[], rows: (string | number | null)[][]): string {
  const text = (v: string | number | null) => (v === null ? "–" : String(v));
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(text).join(" | ")} |`),
  ].join("\n");
}

export function machine() {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/**
 * Writes `bench/results/<name>-latest.json` and returns its path; smoke runs (name ending in
 * "-smoke") write to the temporary folder instead, so CI leaves the work tree clean.
 */
export function writeResult(name: string, data: unknown): string {
  const dir = name.endsWith("-smoke")
    ? path.join(os.tmpdir(), "ratschlag-bench-smoke")
    : path.join(repoRoot, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-latest.json`);
  const body = JSON.stringify(
    { date: new Date().toISOString(), machine: machine(), ...(data as object) },
    null,
    2,
  );
  fs.writeFileSync(file, body + "\n");
  return file;
}

export function parseFlags(argv = process.argv.slice(2)): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (match) flags.set(match[1], match[2] ?? "true");
  }
  return flags;
}

/** Text of a Yjs update's "body" type. */
export function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const text = doc.getText("body").toString();
  doc.destroy();
  return text;
}
