import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  ACCESS_REASON_WRITE_DROPPED,
  CLOSE_FORBIDDEN,
  CLOSE_SESSION_ENDED,
  EXTENSIONS_PARAM,
  EXTENSIONS_VERSION,
  isWriteFrame,
  MESSAGE_ACCESS,
  MESSAGE_STORED,
} from "#common/collab-protocol.ts";

/**
 * What the save indicator shows. "saved" only once the server confirmed that every write this
 * browser sent on the current socket is durable in the database.
 */
export type SaveState =
  | "connecting"
  | "saved"
  | "saving"
  | "offline"
  | "readonly"
  | "session_ended"
  | "forbidden"
  /** Read-only now, and writes of this browser were refused: they are not stored. */
  | "unsaved";

interface CountingWebSocket extends WebSocket {
  /** Write frames sent on this socket. */
  writes: number;
  /** Highest write frame the server confirmed as durable. */
  stored: number;
  /** When each write frame after `stored` was sent (ms since epoch), oldest first. */
  sentAt: number[];
}

/**
 * How long writes may stay unconfirmed before "gespeichert" turns into "wird gespeichert …".
 * While typing, each keystroke is confirmed within milliseconds; without this delay the
 * indicator flickered between the two with every key.
 */
export const SAVING_DELAY_MS = 1000;

/**
 * A WebSocket class that counts the write frames it sends, so "stored" confirmations can be
 * matched. Made on demand because the server-side render has no global WebSocket.
 */
function countingWebSocketClass(): typeof WebSocket {
  return class extends WebSocket implements CountingWebSocket {
    writes = 0;
    stored = 0;
    sentAt: number[] = [];

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (data instanceof Uint8Array && isWriteFrame(data)) {
        this.writes++;
        this.sentAt.push(Date.now());
      }
      super.send(data);
    }
  };
}

/** Prefix of the browser databases holding offline copies; cleared at logout. */
export const OFFLINE_DB_PREFIX = "ratschlag:";

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Subscribes to save-state changes; returns the unsubscribe function. */
  onState(listener: (state: SaveState, canEdit: boolean) => void): () => void;
  destroy(): void;
}

/**
 * Connects a section's Yjs document to the collaboration server, with an offline copy in
 * IndexedDB (per user and section) that is merged into the server's state on reconnect.
 */
export function openCollabSession(options: { sectionId: string; userId: string }): CollabSession {
  const doc = new Y.Doc();
  const offline = new IndexeddbPersistence(
    `${OFFLINE_DB_PREFIX}${options.userId}:${options.sectionId}`,
    doc,
  );
  /**
   * Stops writing the offline copy (what it holds stays). A logout in another tab clears the
   * site's storage (Clear-Site-Data, clearOfflineCopies): the browser then closes or asks to close
   * this tab's database, and a write to it would fail with an error nobody can handle.
   */
  let offlineStopped = false;
  const stopOffline = () => {
    if (offlineStopped) return;
    offlineStopped = true;
    offline.destroy().catch(() => {});
  };
  offline._db.then((db) => {
    db.addEventListener("versionchange", stopOffline);
    db.addEventListener("close", stopOffline);
  }, stopOffline);
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const provider = new WebsocketProvider(
    `${scheme}://${window.location.host}/collab`,
    options.sectionId,
    doc,
    {
      WebSocketPolyfill: countingWebSocketClass(),
      disableBc: true,
      // Ask for the "stored" and "access" messages (stock clients do not get them).
      params: { [EXTENSIONS_PARAM]: EXTENSIONS_VERSION },
    },
  );
  let canEdit = false;
  /** The server said it dropped a write (sent while read-only); cleared once all are confirmed. */
  let dropped = false;
  let terminal: SaveState | null = null;
  /** The socket was open once: a later disconnect is "offline", not "connecting". */
  let wasConnected = false;
  /** The state last reported to the listeners. */
  let shown: SaveState = "connecting";
  let savingTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<(state: SaveState, canEdit: boolean) => void>();

  const socket = () => provider.ws as CountingWebSocket | null;
  const compute = (): SaveState => {
    if (terminal) return terminal;
    if (provider.wsconnected) wasConnected = true;
    if (!provider.wsconnected || !navigator.onLine)
      return wasConnected || provider.wsUnsuccessfulReconnects > 0 || !navigator.onLine
        ? "offline"
        : "connecting";
    if (!provider.synced) return "connecting";
    const ws = socket();
    const confirmed = !ws || ws.stored >= ws.writes;
    if (confirmed) dropped = false;
    if (!canEdit) return dropped ? "unsaved" : "readonly";
    if (confirmed) return "saved";
    // "gespeichert" only ever appears once every write is confirmed; once shown, it gives way to
    // "wird gespeichert …" when the oldest unconfirmed write is older than SAVING_DELAY_MS.
    const waiting = Date.now() - (ws.sentAt[0] ?? Date.now());
    if (shown === "saved" && waiting < SAVING_DELAY_MS) {
      clearTimeout(savingTimer);
      savingTimer = setTimeout(notify, SAVING_DELAY_MS - waiting);
      return "saved";
    }
    return "saving";
  };
  function notify() {
    const state = compute();
    shown = state;
    for (const listener of listeners) listener(state, canEdit && !terminal);
  }
  // A cut network often leaves the socket open until a watchdog notices (up to 30 s): close it
  // at once, so the editor says "offline" and y-websocket reconnects when the network is back.
  const onOffline = () => {
    provider.ws?.close();
    notify();
  };
  const onOnline = () => notify();
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);

  provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    const ws = socket();
    if (ws) {
      const stored = Math.max(ws.stored, decoding.readVarUint(decoder));
      ws.sentAt.splice(0, stored - ws.stored);
      ws.stored = stored;
    }
    notify();
  };
  provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
    canEdit = decoding.readVarUint(decoder) === 1;
    const reason = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0;
    if (reason === ACCESS_REASON_WRITE_DROPPED) dropped = true;
    notify();
  };
  provider.on("status", notify);
  provider.on("sync", notify);
  provider.on("closed", ({ code }: { code: number }) => {
    if (code === CLOSE_SESSION_ENDED) {
      terminal = "session_ended";
      // Nothing can be typed any more; a logout is about to clear the offline copies.
      stopOffline();
    } else if (code === CLOSE_FORBIDDEN) terminal = "forbidden";
    canEdit = false;
    notify();
  });
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) notify();
  };
  doc.on("update", onUpdate);

  return {
    doc,
    provider,
    onState(listener) {
      listeners.add(listener);
      shown = compute();
      listener(shown, canEdit && !terminal);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      clearTimeout(savingTimer);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      doc.off("update", onUpdate);
      provider.destroy();
      stopOffline();
      doc.destroy();
    },
  };
}

/** Deletes every offline copy this browser keeps (called at logout, with Clear-Site-Data as backup). */
export async function clearOfflineCopies(): Promise<void> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .filter((d) => d.name?.startsWith(OFFLINE_DB_PREFIX))
      .map(
        (d) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(d.name!);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}
