/**
 * Issue 13 item 4: stock y-websocket clients (1.5, 2.1 and the 3.x the editor uses, without the
 * editor's `ext` parameter) speak only the standard protocol with the collab endpoint. They never
 * receive Ratschlag's "stored" (100) or "access" (101) messages, which they cannot parse ("Unable
 * to compute message"), and still edit with the same authorization and durability.
 */
import { describe, expect, it } from "vitest";
import { WebsocketProvider as ProviderV1 } from "y-websocket-v1";
import { WebsocketProvider as ProviderV2 } from "y-websocket-v2";
import { WebsocketProvider as ProviderV3 } from "y-websocket";
import * as Y from "yjs";
import { sections } from "#db/schema/index.ts";
import { MESSAGE_ACCESS, MESSAGE_STORED } from "#common/collab-protocol.ts";
import { socketClass } from "#testkit/collab.ts";
import { connectClient, storedDoc, synced, useCollabServer, waitFor } from "./helpers.ts";

const env = useCollabServer();

const versions = [
  ["1.5.4", ProviderV1],
  ["2.1.0", ProviderV2],
  ["3.x", ProviderV3],
] as const;

type AnyProvider = typeof ProviderV1 | typeof ProviderV2 | typeof ProviderV3;

interface StockClient {
  doc: Y.Doc;
  text: Y.Text;
  /** Message types of every frame the client received. */
  received: number[];
  synced: Promise<void>;
  destroy(): void;
}

/** A stock provider of `Provider`'s version, with only the cookie and Origin a browser sends. */
function stockClient(Provider: AnyProvider, docName: string, cookie: string): StockClient {
  const doc = new Y.Doc();
  const received: number[] = [];
  const Base = socketClass({ cookie, origin: "http://ratschlag.test" });
  class Recording extends Base {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.addEventListener("message", (event: { data: unknown }) => {
        const data = event.data;
        const bytes =
          data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data as Buffer);
        received.push(bytes[0]!);
      });
    }
  }
  // The versions differ in their typings only; all take the same arguments.
  const provider = new (Provider as typeof ProviderV3)(env.server.url, docName, doc, {
    WebSocketPolyfill: Recording as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const isSynced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (state: boolean) => state && resolve());
  });
  return {
    doc,
    text: doc.getText("body"),
    received,
    synced: isSynced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

async function freshSection(): Promise<string> {
  const [row] = await env.db
    .insert(sections)
    .values({ consultationId: env.fixture.consultationId, title: "Fremder Client", position: 8 })
    .returning();
  return row.id;
}

describe.each(versions)("stock y-websocket %s", (_version, Provider) => {
  it("edits and stores with the standard protocol alone; no Ratschlag message reaches it", async () => {
    const sectionId = await freshSection();
    const editor = stockClient(Provider, sectionId, env.fixture.cookies.editor);
    const observer = stockClient(Provider, sectionId, env.fixture.cookies.observer);
    // The editor's own client, beside them, still gets its confirmations.
    const ours = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await Promise.all([editor.synced, observer.synced, synced(ours)]);

    editor.text.insert(0, "vom Fremdclient ");
    await waitFor(
      async () =>
        (await storedDoc(env.db, sectionId)).getText("body").toString() === "vom Fremdclient ",
      "the stock client's edit is stored",
    );
    await waitFor(() => ours.text.toString() === "vom Fremdclient ", "our client sees it");
    await waitFor(
      () => observer.text.toString() === "vom Fremdclient ",
      "the stock observer sees it",
    );

    // A read-only stock client's write is dropped, as for every client.
    observer.text.insert(0, "darf nicht ");
    ours.text.insert(ours.text.length, "unsere Zeile");
    await waitFor(() => ours.stored.at(-1) === ours.writesSent(), "our write confirmed");
    const stored = (await storedDoc(env.db, sectionId)).getText("body").toString();
    expect(stored).toBe("vom Fremdclient unsere Zeile");
    expect(ours.access).toContain(true);

    for (const client of [editor, observer]) {
      expect(client.received.length).toBeGreaterThan(0);
      expect(client.received).not.toContain(MESSAGE_STORED);
      expect(client.received).not.toContain(MESSAGE_ACCESS);
      client.destroy();
    }
    ours.destroy();
  });
});
