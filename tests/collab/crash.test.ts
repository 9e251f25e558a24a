import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client.ts";
import { MESSAGE_STORED } from "#common/collab-protocol.ts";
import {
  connectClient,
  createFixture,
  createTestDatabase,
  ORIGIN,
  storedDoc,
  synced,
  waitFor,
  type Fixture,
  type TestClient,
  type TestServer,
} from "./helpers.ts";

// A killed process must leave its data in a database another process can read: PostgreSQL.
const databaseUrl = process.env.TEST_DATABASE_URL;

let database: DatabaseHandle;
let fixture: Fixture;
let port: number;
let child: ChildProcess | null = null;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startChild(): Promise<void> {
  const script = path.join(import.meta.dirname, "crash-server.ts");
  const proc = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), ORIGIN },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = proc;
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", (chunk) => String(chunk).includes("ready") && resolve());
    proc.once("exit", (code) => reject(new Error(`crash server exited with ${code}`)));
  });
}

async function killChild(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGKILL");
  await exited;
}

describe.skipIf(!databaseUrl)("crash safety", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await createFixture(database.db);
    port = await freePort();
    await startChild();
  });

  afterAll(async () => {
    await killChild();
    await database?.close();
  });

  it("after kill -9 and restart nothing typed is lost or duplicated; confirmed text was stored", async () => {
    const server = { url: `ws://127.0.0.1:${port}/collab` } as TestServer;
    const clients = [
      connectClient(server, fixture.sectionId, fixture.cookies.editor),
      connectClient(server, fixture.sectionId, fixture.cookies.editor2),
    ];
    await Promise.all(clients.map(synced));
    // The highest confirmation of the first socket, kept even after reconnect attempts begin.
    const confirmed = clients.map(() => 0);
    let crashed = false;
    clients.forEach((client, i) => {
      const record = client.provider.messageHandlers[MESSAGE_STORED];
      client.provider.messageHandlers[MESSAGE_STORED] = (...args) => {
        record(...args);
        if (!crashed) confirmed[i] = Math.max(confirmed[i], client.stored.at(-1) ?? 0);
      };
    });
    /** Per client: token → the write seq it was sent with (0 while offline). */
    const sent = clients.map(() => new Map<string, number>());
    const type = (client: TestClient, index: number, token: string) => {
      client.text.insert(client.text.length, `${token} `);
      sent[index].set(token, client.provider.wsconnected ? client.writesSent() : 0);
    };
    let n = 0;
    for (; n < 30; n++) {
      clients.forEach((client, i) => type(client, i, `c${i}t${n}`));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => confirmed.every((seq) => seq > 1), "some edits confirmed");
    // Keep typing right up to the kill, so some edits are in flight when the process dies.
    for (const [i, client] of clients.entries()) type(client, i, `c${i}t${n}`);
    n++;
    await killChild();
    crashed = true;
    const afterCrash = (await storedDoc(database.db, fixture.sectionId)).getText("body").toString();
    clients.forEach((_, i) => {
      for (const [token, seq] of sent[i]) {
        if (seq > 0 && seq <= confirmed[i]) expect(afterCrash).toContain(`${token} `);
      }
    });
    // Offline typing while the server is down.
    for (; n < 40; n++) clients.forEach((client, i) => type(client, i, `c${i}t${n}`));
    await startChild();
    await waitFor(
      () =>
        clients[0].text.toString() === clients[1].text.toString() &&
        clients.every((c) => c.provider.synced && c.stored.at(-1) === c.writesSent()),
      "convergence and confirmation after restart",
      20_000,
    );
    const final = clients[0].text.toString();
    const tokens = final.trim().split(" ");
    expect(tokens).toHaveLength(2 * n);
    expect(new Set(tokens).size).toBe(tokens.length);
    const stored = await storedDoc(database.db, fixture.sectionId);
    expect(stored.getText("body").toString()).toBe(final);
    for (const client of clients) client.destroy();
  });
});
