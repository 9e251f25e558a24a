import * as decoding from "lib0/decoding";
import type { RawData, WebSocket } from "ws";
import type { Database } from "#db/client.ts";
import { validateSessionToken, type SessionUser } from "#server/auth/session.ts";
import type { Logger } from "#server/log.ts";
import { evaluateAccess, type SectionGrant } from "./auth.ts";
import { ConfirmationGate } from "./confirmations.ts";
import { ProtocolViolation, TokenBucket, type CollabOptions } from "./limits.ts";
import {
  ACCESS_REASON_WRITE_DROPPED,
  CLOSE_FORBIDDEN,
  CLOSE_INTERNAL_ERROR,
  CLOSE_MALFORMED,
  CLOSE_RATE_LIMITED,
  CLOSE_SESSION_ENDED,
  encodeAccess,
  encodeStored,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from "#common/collab-protocol.ts";
import type { Room, RoomMember } from "./room.ts";

export interface ConnectionDeps {
  db: Database;
  options: CollabOptions;
  log: Logger;
  onClose(connection: Connection): void;
}

/**
 * One client socket in one room. Guarantees: frames are handled in arrival order and only after
 * the room is loaded; a read-only connection never changes the document; any frame that cannot
 * be handled closes this socket only (with a close code and a log line); a "stored"
 * confirmation never covers a write that was dropped or that Yjs keeps pending — from the first
 * such write on, confirmations stop below it until the client re-sent what the server lacks
 * (sync step 1 → step 2) and that was applied and committed (ADR 013).
 */
export class Connection implements RoomMember {
  readonly userId: string;
  readonly userName: string;
  /** Id of the session this socket was opened with (the part of the token before the dot). */
  readonly sessionId: string;
  canEdit: boolean;
  closed = false;

  /** Frames received while the room loads; null once they are handled directly. */
  private queue: Uint8Array[] | null = [];
  /** Set at shutdown: frames are ignored so the final flush really is final. */
  private frozen = false;
  writeSeq = 0;
  /** Which write seqs may be confirmed: none past a dropped or pending one until repaired. */
  private readonly confirmations = new ConfirmationGate();
  /** A write was dropped since the last resync: only the client's full step 2 repairs it. */
  private dropped = false;
  /** Some of this connection's structs wait in Yjs for missing dependencies. */
  private owesPending = false;
  /** Set while a sync step 1 sent after this write seq awaits the client's step 2. */
  private resyncAfter: number | null = null;
  private pendingTimer: NodeJS.Timeout | null = null;
  /** writeSeq at the last permission check: only a connection that wrote since counts as activity. */
  private writeSeqAtRefresh = 0;
  private droppedWrites = 0;
  private alive = true;
  private readonly bucket: TokenBucket;
  private readonly awarenessBucket: TokenBucket;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly log: Logger;

  constructor(
    private readonly ws: WebSocket,
    readonly room: Room,
    user: SessionUser,
    private readonly token: string,
    public grant: SectionGrant,
    readonly organisation: string | null,
    /** The client asked for the Ratschlag message types; a stock client gets none of them. */
    private readonly extensions: boolean,
    private readonly deps: ConnectionDeps,
  ) {
    this.userId = user.id;
    this.userName = user.name;
    this.sessionId = token.split(".")[0];
    this.canEdit = grant.level === "edit";
    this.log = deps.log.child({ doc: room.name, userId: user.id });
    this.bucket = new TokenBucket(deps.options.ratePerSecond, deps.options.rateBurst);
    this.awarenessBucket = new TokenBucket(
      deps.options.awarenessBytesPerSecond,
      deps.options.awarenessBurstBytes,
    );
    ws.on("message", (data, isBinary) => {
      // An exception escaping here would reach the socket's stream and crash the process.
      try {
        this.onFrame(data, isBinary);
      } catch (err) {
        this.log.error({ err }, "collab frame handling failed");
        this.close(CLOSE_INTERNAL_ERROR, "internal error");
      }
    });
    ws.on("error", (err) => this.log.warn({ err }, "collab socket error"));
    ws.on("close", () => this.onSocketClosed());
    ws.on("pong", () => {
      this.alive = true;
    });
    this.timers.push(
      setInterval(() => this.ping(), deps.options.pingMs),
      setInterval(() => void this.refresh(), deps.options.sessionCheckMs),
    );
    room.join(this);
    room.ready.then(
      () => this.start(),
      () => this.close(CLOSE_INTERNAL_ERROR, "document could not be loaded"),
    );
  }

  /** Sends a frame if the socket is open; a client that stops reading is disconnected. */
  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > 2 * this.deps.options.maxDocumentBytes) {
      this.log.warn("collab client does not read; terminating");
      this.ws.terminate();
      return;
    }
    this.ws.send(frame);
  }

  /** Sends a Ratschlag message ("stored", "access") to a client that asked for them. */
  private sendExtension(frame: Uint8Array): void {
    if (this.extensions) this.send(frame);
  }

  /** Tells the client that its write frames up to `seq` are durable, never past a dropped or pending one. */
  confirmStored(seq: number): void {
    const confirmed = this.confirmations.offer(seq);
    if (confirmed !== null) this.sendExtension(encodeStored(confirmed));
  }

  /** The room integrated the structs this connection had left pending. */
  pendingResolved(): void {
    this.owesPending = false;
    this.clearPendingTimer();
    if (!this.dropped) this.confirmations.repairedAt(this.writeSeq);
  }

  /** Asks the client for everything the server lacks; its answer is a step 2 write frame. */
  private requestResync(): void {
    if (this.resyncAfter !== null || this.closed) return;
    this.resyncAfter = this.writeSeq;
    this.send(this.room.syncStep1Frame());
  }

  private clearPendingTimer(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
  }

  /**
   * Re-validates the session and the section permission: closes with 4401 when the session
   * ended, 4403 when the section is no longer visible, and switches read-only on or off
   * otherwise. Infrastructure errors leave the connection as it is (logged).
   */
  async refresh(): Promise<void> {
    if (this.closed) return;
    try {
      const active = this.writeSeq > this.writeSeqAtRefresh;
      this.writeSeqAtRefresh = this.writeSeq;
      const session = await validateSessionToken(this.deps.db, this.token, new Date(), {
        touch: active,
      });
      if (!session) return this.close(CLOSE_SESSION_ENDED, "session ended");
      const grant = await evaluateAccess(this.deps.db, session.user, this.room.name);
      if (!grant || grant.level === "none") return this.close(CLOSE_FORBIDDEN, "access revoked");
      this.grant = grant;
      this.setCanEdit(grant.level === "edit");
    } catch (err) {
      this.log.warn({ err }, "collab permission check failed; keeping current access");
    }
  }

  /** Closes the socket once with the given code; later calls are ignored. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = null;
    this.clearPendingTimer();
    this.ws.close(code, reason);
  }

  /** Ignores every further frame (shutdown: the final flush must not race new writes). */
  freeze(): void {
    this.frozen = true;
  }

  /** Closes with `code` and resolves once the socket is closed (terminated after `graceMs`). */
  closeAndWait(code: number, reason: string, graceMs = 1000): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.ws.terminate(), graceMs);
      this.ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      this.close(code, reason);
      if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, reason);
    });
  }

  private setCanEdit(canEdit: boolean): void {
    if (canEdit === this.canEdit || this.closed) return;
    this.canEdit = canEdit;
    this.log.info({ canEdit }, "collab access changed");
    this.sendExtension(encodeAccess(canEdit));
    if (!canEdit) {
      // A read-only client cannot send what is missing: no deadline until it may write again.
      this.clearPendingTimer();
      return;
    }
    // Writes dropped (or left pending) while read-only: ask for them now that they can be stored.
    if (this.dropped || this.owesPending) this.requestResync();
    if (this.owesPending) this.startPendingTimer();
  }

  private start(): void {
    if (this.closed || this.frozen) return;
    this.send(this.room.syncStep1Frame());
    this.sendExtension(encodeAccess(this.canEdit));
    const awareness = this.room.presence.frame();
    if (awareness) this.send(awareness);
    const queued = this.queue ?? [];
    this.queue = null;
    for (const frame of queued) {
      if (this.closed) return;
      this.handle(frame);
    }
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.closed || this.frozen) return;
    if (!this.bucket.take()) return this.fail(CLOSE_RATE_LIMITED, "rate limit exceeded");
    if (!isBinary) return this.fail(CLOSE_MALFORMED, "text frame");
    const frame = toBytes(data);
    if (this.queue) {
      if (this.queue.length >= this.deps.options.maxQueuedFrames) {
        return this.fail(CLOSE_RATE_LIMITED, "too many frames while loading");
      }
      this.queue.push(frame);
      return;
    }
    this.handle(frame);
  }

  private handle(frame: Uint8Array): void {
    try {
      this.dispatch(frame);
    } catch (err) {
      if (err instanceof ProtocolViolation) return this.fail(err.closeCode, err.message);
      this.fail(CLOSE_MALFORMED, `malformed frame: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  private dispatch(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        if (step === SYNC_STEP_1) return this.send(this.room.syncStep2Frame(payload));
        if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) {
          throw new ProtocolViolation(CLOSE_MALFORMED, `unknown sync step ${step}`);
        }
        const seq = ++this.writeSeq;
        if (!this.canEdit) {
          // A read-only client's sync answer that brings nothing new is no dropped write.
          if (!this.room.wouldChange(payload)) return this.room.acknowledge(this, seq);
          return this.dropWrite(seq);
        }
        const outcome = this.room.applyWrite(this, payload, seq);
        if (outcome === "reset") return;
        if (outcome === "pending") this.onPending(seq);
        if (step === SYNC_STEP_2 && this.resyncAfter !== null && seq > this.resyncAfter) {
          // The client's answer to our step 1: it holds everything the server lacked.
          this.resyncAfter = null;
          if (!this.owesPending) {
            this.dropped = false;
            this.confirmations.repairedAt(seq);
          }
        }
        return;
      }
      case MESSAGE_AWARENESS: {
        const payload = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        const rejected = this.room.presence.apply(this, payload, (bytes) =>
          this.awarenessBucket.take(bytes),
        );
        if (rejected.length > 0) {
          // Debug, not warn: the y-websocket client re-broadcasts every awareness change it
          // receives, so honest clients echo other clients' states all the time.
          this.log.debug(
            { clientIds: rejected },
            "awareness change for foreign client ids dropped",
          );
        }
        return;
      }
      case MESSAGE_QUERY_AWARENESS: {
        expectEnd(decoder);
        const awareness = this.room.presence.frame();
        if (awareness) this.send(awareness);
        return;
      }
      default:
        // Includes auth (2) and the server-only types: clients never send them.
        throw new ProtocolViolation(CLOSE_MALFORMED, `unknown message type ${type}`);
    }
  }

  /** Some structs of write `seq` wait for dependencies: ask the client, and give it a deadline. */
  private onPending(seq: number): void {
    this.owesPending = true;
    this.confirmations.block(seq);
    this.requestResync();
    this.startPendingTimer();
  }

  /** Closes the connection if its pending structs are still unresolved after the timeout. */
  private startPendingTimer(): void {
    if (this.pendingTimer) return;
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = null;
      if (this.owesPending) this.fail(CLOSE_MALFORMED, "update dependencies never arrived");
    }, this.deps.options.pendingTimeoutMs);
  }

  private dropWrite(seq: number): void {
    this.confirmations.block(seq);
    // An answer to an earlier step 1 may be the write dropped here: ask again after the unlock.
    this.resyncAfter = null;
    if (!this.dropped) {
      // Tell the client once per episode, so its save state says "not saved" and why.
      this.dropped = true;
      this.sendExtension(encodeAccess(false, ACCESS_REASON_WRITE_DROPPED));
    }
    this.droppedWrites++;
    // The first drop is worth a warning (a UI that let a reader type); the rest only add noise.
    if (this.droppedWrites === 1) this.log.warn("write from read-only collab connection dropped");
    else this.log.debug({ dropped: this.droppedWrites }, "read-only write dropped");
  }

  private fail(code: number, reason: string): void {
    this.log.warn({ code, reason }, "closing collab connection");
    this.close(code, reason);
  }

  private ping(): void {
    if (!this.alive) {
      this.log.info("collab client stopped answering pings; terminating");
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      // The socket is closing; the close handler cleans up.
    }
  }

  private onSocketClosed(): void {
    this.closed = true;
    this.queue = null;
    this.clearPendingTimer();
    for (const timer of this.timers) clearInterval(timer);
    this.room.leave(this);
    this.deps.onClose(this);
  }
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) {
    throw new ProtocolViolation(CLOSE_MALFORMED, "trailing bytes after message");
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
