/**
 * Lightweight raw-protocol clients for the load generator: a writer replays keystrokes into a
 * private Y.Doc and sends each resulting update as one frame; it reads what the server sends
 * without decoding it (as a cheap editor would). Two framings: plain y-websocket (Ratschlag and
 * the reference server) and Hocuspocus (document name before every message, token first).
 */
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { encodeAwarenessUpdate } from "#server/collab/awareness.ts";
import {
  awarenessFrame,
  decodeStored,
  MESSAGE_STORED,
  SYNC_STEP_1,
  SYNC_UPDATE,
  syncFrame,
} from "#common/collab-protocol.ts";
import type { Patch } from "./trace.ts";

export type Framing = "y-websocket" | "hocuspocus";

export interface Endpoint {
  framing: Framing;
  /** Base URL; y-websocket appends /<docName>. */
  url: string;
  /** Extra handshake headers (cookie, origin). */
  headers?: Record<string, string>;
  /** Query parameters of the socket URL (Ratschlag: ask for "stored" and "access"). */
  params?: Record<string, string>;
}

/** A y-websocket message as sent on `framing`: Hocuspocus puts the document name first. */
export function encodeFrame(framing: Framing, docName: string, message: Uint8Array): Uint8Array {
  if (framing === "y-websocket") return message;
  return encoding.encode((e) => {
    encoding.writeVarString(e, docName);
    encoding.writeUint8Array(e, message);
  });
}

const syncMessage = (framing: Framing, docName: string, step: number, payload: Uint8Array) =>
  encodeFrame(framing, docName, syncFrame(step, payload));

export function socketFor(endpoint: Endpoint, docName: string): WebSocket {
  const query = endpoint.params ? `?${new URLSearchParams(endpoint.params)}` : "";
  const url =
    endpoint.framing === "hocuspocus" ? endpoint.url : `${endpoint.url}/${docName}${query}`;
  const ws = new WebSocket(url, { headers: endpoint.headers, perMessageDeflate: false });
  ws.binaryType = "nodebuffer";
  return ws;
}

/** Opens the socket and does the handshake; resolves once the server answered. */
export async function handshake(ws: WebSocket, endpoint: Endpoint, docName: string, doc: Y.Doc) {
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
  });
  ws.on("error", () => {});
  const answered = new Promise<void>((resolve) => ws.once("message", () => resolve()));
  if (endpoint.framing === "hocuspocus") {
    // Hocuspocus's auth message: type 2, sub-type 0 (token), the token.
    ws.send(
      encodeFrame(
        "hocuspocus",
        docName,
        encoding.encode((e) => {
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, "bench");
        }),
      ),
    );
  }
  ws.send(syncMessage(endpoint.framing, docName, SYNC_STEP_1, Y.encodeStateVector(doc)));
  await answered;
}

/** Per-document bookkeeping of sent updates, matched by the probe to measure fan-out latency. */
export class LatencyBook {
  /** client id → queue of [clock after the update, send time]. */
  private readonly pending = new Map<number, [number, number][]>();
  readonly samples: number[] = [];
  sent = 0;
  delivered = 0;

  recordSend(client: number, clockAfter: number, at: number): void {
    let queue = this.pending.get(client);
    if (!queue) this.pending.set(client, (queue = []));
    queue.push([clockAfter, at]);
    this.sent++;
  }

  /** The probe saw state up to `clock` of `client`. */
  observe(client: number, clock: number, at: number): void {
    const queue = this.pending.get(client);
    if (!queue) return;
    let n = 0;
    while (n < queue.length && queue[n][0] <= clock) {
      this.samples.push(at - queue[n][1]);
      n++;
    }
    if (n > 0) {
      queue.splice(0, n);
      this.delivered += n;
    }
  }

  takeSamples(): number[] {
    return this.samples.splice(0, this.samples.length);
  }
}

/** One simulated editor typing a slice of the trace into a document. */
export class Writer {
  readonly doc = new Y.Doc();
  private readonly text = this.doc.getText("body");
  private ws!: WebSocket;
  private cursor: number;
  private awarenessClock = 0;
  received = 0;
  closedWith: number | null = null;
  /** Milliseconds from sending a write frame to the "stored" confirmation covering it. */
  readonly storedLatencies: number[] = [];
  private readonly unconfirmed: number[] = [];
  private writeSeq = 0;
  private confirmedSeq = 0;

  constructor(
    readonly endpoint: Endpoint,
    readonly docName: string,
    private readonly patches: Patch[],
    start: number,
    private readonly book: LatencyBook,
  ) {
    this.cursor = start % patches.length;
  }

  async connect(): Promise<void> {
    this.ws = socketFor(this.endpoint, this.docName);
    this.ws.on("message", (data: Buffer) => {
      this.received++;
      // Ratschlag's "stored" confirmation: [100, varuint seq].
      if (data[0] === MESSAGE_STORED && this.endpoint.framing === "y-websocket")
        this.onStored(data);
    });
    this.ws.on("close", (code) => (this.closedWith = code));
    await handshake(this.ws, this.endpoint, this.docName, this.doc);
  }

  /** Applies the next keystroke of the trace (positions clamped to this writer's text). */
  type(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const [pos, del, insert] = this.patches[this.cursor];
    this.cursor = (this.cursor + 1) % this.patches.length;
    const length = this.text.length;
    const at = Math.min(pos, length);
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    this.doc.once("update", capture);
    this.doc.transact(() => {
      if (del > 0 && at < length) this.text.delete(at, Math.min(del, length - at));
      if (insert) this.text.insert(at, insert);
    });
    this.doc.off("update", capture);
    if (!update) return;
    // Deletions do not advance the clock; they are measured only when an insert carries them.
    if (insert) {
      this.book.recordSend(
        this.doc.clientID,
        Y.getState(this.doc.store, this.doc.clientID),
        performance.now(),
      );
    }
    this.ws.send(syncMessage(this.endpoint.framing, this.docName, SYNC_UPDATE, update));
    this.writeSeq++;
    this.unconfirmed.push(performance.now());
  }

  private onStored(data: Buffer): void {
    const seq = decodeStored(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) ?? 0;
    const now = performance.now();
    while (this.confirmedSeq < seq && this.unconfirmed.length > 0) {
      this.storedLatencies.push(now - this.unconfirmed.shift()!);
      this.confirmedSeq++;
    }
  }

  /** Write frames sent but not yet confirmed as stored. */
  get pendingWrites(): number {
    return this.writeSeq - this.confirmedSeq;
  }

  /** Sends a cursor position as an awareness update (what an editor sends on selection change). */
  moveCursor(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const update = encodeAwarenessUpdate([
      {
        clientId: this.doc.clientID,
        clock: ++this.awarenessClock,
        state: {
          user: { name: `Writer ${this.doc.clientID}`, color: "#1f6feb" },
          cursor: { anchor: this.text.length, head: this.text.length },
        },
      },
    ]);
    this.ws.send(encodeFrame(this.endpoint.framing, this.docName, awarenessFrame(update)));
  }

  close(): void {
    this.ws?.close();
  }
}

/** An idle connection that completed its handshake (for memory per connection). */
export async function idleConnection(endpoint: Endpoint, docName: string): Promise<WebSocket> {
  const ws = socketFor(endpoint, docName);
  await handshake(ws, endpoint, docName, new Y.Doc());
  return ws;
}
