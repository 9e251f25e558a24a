import * as Y from "yjs";
import type { Logger } from "#server/log.ts";
import { pendingBytes, wouldChange } from "./doc-state.ts";
import { RoomPresence, type PresenceMember } from "./presence.ts";
import { ProtocolViolation, type CollabOptions } from "./limits.ts";
import { checkUpdate } from "./schema.ts";
import type { Fanout, FanoutKind } from "./fanout.ts";
import type { DocStorage } from "#server/docs/storage.ts";
import {
  CLOSE_DOCUMENT_RESET,
  CLOSE_DOCUMENT_TOO_LARGE,
  CLOSE_MALFORMED,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  syncFrame,
} from "#common/collab-protocol.ts";
import { WriteQueue } from "./write-queue.ts";

/** What a room needs from a connection. */
export interface RoomMember extends PresenceMember {
  /** Tells the client that its write frames up to `seq` are durable (capped by the member). */
  confirmStored(seq: number): void;
  /** Write frames received so far on this socket. */
  readonly writeSeq: number;
  /** The room's pending updates, which this member had added to, were integrated. */
  pendingResolved(): void;
  /** Closes the member's socket with `code`. */
  close(code: number, reason: string): void;
}

/** What became of a member's write. */
export type WriteOutcome =
  /** Integrated (or changed nothing); confirmed after the next commit. */
  | "applied"
  /** Part of it waits in Yjs for missing dependencies: not confirmable yet. */
  | "pending"
  /** Yjs failed; the room was reset and the member's socket closed. */
  | "reset";

/** Origin of transactions that replay stored state: neither broadcast nor stored again. */
const LOADED = Symbol("loaded");
/** Origin of updates from another node or the catch-up: broadcast here, already stored. */
const REMOTE = Symbol("remote");
/** Origin of a server-side edit made on behalf of a user (e.g. an accepted suggestion). */
class ServerEdit {
  constructor(readonly userId: string) {}
}

export interface RoomDeps {
  storage: DocStorage;
  options: CollabOptions;
  log: Logger;
  /** Called once the room has flushed, has no members and destroyed its document. */
  onUnload(room: Room): void;
  /** Called at once when Yjs failed in this room: forget it so the next connect reloads. */
  onBroken(room: Room): void;
  /** Resolves when a previous instance of this document finished writing (after a reset). */
  previous?: Promise<void>;
  /** Other nodes holding the same document (multi-node); absent on a single node. */
  fanout?: Fanout;
}

/**
 * One loaded document: the Y.Doc, its awareness, its members and its write-behind queue
 * (write-queue.ts).
 * Guarantees: no member is answered before `ready`; every update applied from a member is
 * appended to storage (retried until it succeeds) before that member gets "stored" for it.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly presence: RoomPresence<RoomMember>;
  readonly members = new Set<RoomMember>();
  /** Resolves once the stored state is in `doc`; rejects when loading failed. */
  readonly ready: Promise<void>;
  destroyed = false;
  /** Set when Yjs failed: the room confirms nothing more and is dropped after a final flush. */
  broken = false;

  /** Fan-out messages that arrived while loading; applied right after the stored state. */
  private early: [FanoutKind, Uint8Array][] | null = [];
  /** Members whose updates are among the structs Yjs keeps pending. */
  private readonly pendingOwners = new Set<RoomMember>();
  private readonly writes: WriteQueue<RoomMember>;
  /** Upper bound of the encoded document size; see CollabOptions.maxDocumentBytes. */
  private size = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly log: Logger;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    this.log = deps.log.child({ doc: name });
    this.writes = new WriteQueue({
      name,
      storage: deps.storage,
      options: deps.options,
      log: this.log,
      fanout: deps.fanout,
      host: {
        confirm: (acks) => {
          if (this.broken) return;
          for (const [member, seq] of acks) if (this.members.has(member)) member.confirmStored(seq);
        },
        canCompact: () => this.pendingBytes() === 0,
        snapshot: () => {
          const state = Y.encodeStateAsUpdate(this.doc);
          const sizeBefore = this.size;
          return {
            state,
            stored: () => (this.size = state.length + (this.size - sizeBefore)),
          };
        },
      },
    });
    this.presence = new RoomPresence<RoomMember>(this.doc, {
      options: deps.options,
      members: () => this.members,
      isMember: (origin) => this.members.has(origin as RoomMember),
      publish: (update) => this.deps.fanout?.publish(this.name, "awareness", update),
    });
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.ready = this.load();
    // The owner reacts to a failed load; this only keeps the rejection from being unhandled.
    this.ready.catch(() => {});
  }

  private async load(): Promise<void> {
    // Subscribe before reading: other nodes publish after their commit, so every update is
    // either in what we read or in a message that reaches us.
    await this.deps.previous;
    if (this.deps.fanout) await this.subscribe(this.deps.fanout);
    const stored = await this.deps.storage.load(this.name);
    if (this.destroyed) return;
    // One transaction per stored row: one transaction around thousands of rows is far slower in Yjs
    // (measured: 9.1 s instead of 1.5 s for 7,793 rows).
    for (const update of stored.updates) {
      try {
        Y.applyUpdate(this.doc, update, LOADED);
      } catch (err) {
        // A damaged row must not make the whole section unreachable; keep the rest.
        this.log.error({ err }, "stored collab update could not be applied");
      }
    }
    this.writes.loaded(stored.lastId, stored.rowCount);
    const early = this.early ?? [];
    this.early = null;
    for (const [kind, payload] of early) this.onFanout(kind, payload);
    if (this.writes.compactionDue()) this.writes.schedule();
    this.log.debug({ rows: stored.rowCount, bytes: this.size }, "collab document loaded");
  }

  private async subscribe(fanout: Fanout): Promise<void> {
    // With Redis unreachable the room still opens; the subscription completes when Redis is
    // back, and the reconnect triggers a catch-up from the log.
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        fanout.subscribe(this.name, (kind, payload) => this.onFanout(kind, payload)),
        new Promise(
          (resolve) => (timer = setTimeout(resolve, this.deps.options.subscribeTimeoutMs)),
        ),
      ]);
    } catch (err) {
      this.log.warn({ err }, "collab fan-out subscription failed; serving from this node only");
    } finally {
      clearTimeout(timer);
    }
  }

  /** Adds a member (before or after `ready`) and fixes its colour for this room. */
  join(member: RoomMember): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.presence.join(member);
    this.members.add(member);
  }

  /** Removes a member and its awareness states; starts the idle timer when it was the last. */
  leave(member: RoomMember): void {
    if (!this.members.delete(member)) return;
    if (this.pendingOwners.delete(member) && this.pendingOwners.size === 0) this.dropPending();
    this.presence.leave(member);
    if (this.members.size === 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => void this.unloadIfIdle(), this.deps.options.idleUnloadMs);
    }
  }

  /** A sync step 1 frame carrying the room's state vector. */
  syncStep1Frame(): Uint8Array {
    return syncFrame(SYNC_STEP_1, Y.encodeStateVector(this.doc));
  }

  /** The sync step 2 reply for a client's state vector; throws when it is malformed. */
  syncStep2Frame(stateVector: Uint8Array): Uint8Array {
    return syncFrame(SYNC_STEP_2, Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  /**
   * Checks a member's Yjs update against the document schema, applies it and queues it for
   * storage; `seq` is offered for confirmation after the commit (the member caps it while any
   * of its writes is dropped or pending). Throws ProtocolViolation for an undecodable update,
   * one the schema refuses, or one that exceeds the size limits; the document is unchanged then.
   */
  applyWrite(member: RoomMember, update: Uint8Array, seq: number): WriteOutcome {
    if (this.broken) return "reset";
    let problem: string | null;
    try {
      // Decodes structs and delete set completely, so a truncated or garbled update is refused
      // before Y.applyUpdate could integrate half of it.
      problem = this.deps.options.schema
        ? checkUpdate(this.doc, update, this.deps.options.schema)
        : (Y.decodeUpdate(update), null);
    } catch {
      throw new ProtocolViolation(CLOSE_MALFORMED, "undecodable Yjs update");
    }
    if (problem) throw new ProtocolViolation(CLOSE_MALFORMED, `update refused: ${problem}`);
    const pendingBefore = this.pendingBytes();
    if (this.size + pendingBefore + update.length > this.deps.options.maxDocumentBytes) {
      throw new ProtocolViolation(CLOSE_DOCUMENT_TOO_LARGE, "document size limit reached");
    }
    try {
      Y.applyUpdate(this.doc, update, member);
    } catch (err) {
      this.reset(err);
      return "reset";
    }
    this.writes.acknowledge(member, seq);
    const pendingAfter = this.pendingBytes();
    if (pendingAfter === 0) {
      this.resolvePending();
      return "applied";
    }
    if (pendingAfter <= pendingBefore) return "applied";
    this.pendingOwners.add(member);
    if (pendingAfter > this.deps.options.maxPendingBytes) {
      throw new ProtocolViolation(CLOSE_DOCUMENT_TOO_LARGE, "too many unresolved updates");
    }
    return "pending";
  }

  /** Whether applying `update` could change the document (see doc-state.ts). */
  wouldChange(update: Uint8Array): boolean {
    return wouldChange(this.doc, update);
  }

  /** Offers `seq` for confirmation after the next commit (a write that changed nothing). */
  acknowledge(member: RoomMember, seq: number): void {
    if (this.broken) return;
    this.writes.acknowledge(member, seq);
  }

  /** Bytes of structs and deletions Yjs keeps because their dependencies are missing. */
  pendingBytes(): number {
    return pendingBytes(this.doc);
  }

  /** Tells the owners of pending updates that they are integrated now, and offers their seqs. */
  private resolvePending(): void {
    if (this.pendingOwners.size === 0) return;
    for (const owner of this.pendingOwners) {
      owner.pendingResolved();
      if (this.members.has(owner)) this.writes.acknowledge(owner, owner.writeSeq);
    }
    this.pendingOwners.clear();
    this.writes.schedule();
  }

  /** Forgets pending structs nobody can resolve any more (their senders are gone). */
  private dropPending(): void {
    const bytes = this.pendingBytes();
    if (bytes === 0) return;
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.log.warn({ bytes }, "unresolved pending collab updates dropped; their sender left");
  }

  /**
   * Yjs threw while applying an update, so the in-memory document can no longer be trusted.
   * Everything emitted before is still written; nothing is confirmed any more; every member is
   * closed with 4500 and reconnects to a fresh room that reloads the document from storage.
   */
  private reset(err: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.log.error(
      { err, doc: this.name },
      "Yjs failed to apply an update; resetting the document",
    );
    this.writes.dropAcks();
    for (const member of [...this.members]) member.close(CLOSE_DOCUMENT_RESET, "document reset");
    this.deps.onBroken(this);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    void this.flush().finally(() => this.destroy());
  }

  /**
   * Applies `edit` to the document in one transaction attributed to `userId`, broadcasts it like
   * a member's update and resolves with the edit's result once it is durable. The room unloads
   * afterwards as usual when nobody is connected.
   */
  async applyServerEdit<T>(userId: string, edit: (doc: Y.Doc) => T): Promise<T> {
    await this.ready;
    if (this.destroyed || this.broken) throw new Error("collab room was unloaded");
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    let result: T;
    try {
      result = Y.transact(this.doc, () => edit(this.doc), new ServerEdit(userId));
    } finally {
      this.writes.schedule();
    }
    await this.flush();
    if (this.members.size === 0 && !this.destroyed && !this.idleTimer) {
      this.idleTimer = setTimeout(() => void this.unloadIfIdle(), this.deps.options.idleUnloadMs);
    }
    return result;
  }

  /**
   * Re-reads the stored document and applies what this node missed (after a fan-out outage);
   * resolves when done, logs and resolves on failure.
   */
  async catchUp(): Promise<void> {
    if (this.early !== null || this.destroyed) return;
    try {
      const stored = await this.deps.storage.load(this.name);
      if (this.destroyed) return;
      for (const update of stored.updates) Y.applyUpdate(this.doc, update, REMOTE);
      if (this.pendingBytes() === 0) this.resolvePending();
    } catch (err) {
      this.log.warn({ err }, "collab catch-up from the log failed");
    }
  }

  /** Resolves once every update accepted so far is durable (retrying failed writes). */
  async flush(): Promise<void> {
    await this.writes.flush();
  }

  /** Stops timers and releases the document; the room must not be used afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    void this.deps.fanout?.unsubscribe(this.name);
    this.members.clear();
    this.presence.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    this.size += update.length;
    if (origin === LOADED) return;
    const frame = syncFrame(SYNC_UPDATE, update);
    for (const member of this.members) if (member !== origin) member.send(frame);
    // A remote update can integrate a member's pending structs in the same transaction: then
    // the emitted update holds that content too and must be stored (a duplicate is harmless).
    if (origin === REMOTE && this.pendingOwners.size === 0) return;
    const author =
      origin instanceof ServerEdit || this.members.has(origin as RoomMember)
        ? (origin as ServerEdit | RoomMember)
        : null;
    this.writes.enqueue({ update, userId: author?.userId ?? null });
  }

  private onFanout(kind: FanoutKind, payload: Uint8Array): void {
    if (this.destroyed) return;
    if (this.early) {
      this.early.push([kind, payload]);
      return;
    }
    if (kind === "update") {
      Y.applyUpdate(this.doc, payload, REMOTE);
      if (this.pendingBytes() === 0) this.resolvePending();
    } else this.presence.applyRemote(payload);
  }

  private async unloadIfIdle(): Promise<void> {
    this.idleTimer = null;
    await this.flush();
    if (this.members.size > 0 || this.destroyed) return;
    this.destroy();
    this.deps.onUnload(this);
  }
}
