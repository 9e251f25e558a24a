import * as Y from "yjs";
import type { Logger } from "#server/log.ts";
import type { CollabOptions } from "./limits.ts";
import type { Fanout } from "./fanout.ts";
import type { DocStorage, LogEntry } from "#server/docs/storage.ts";

/** What the write queue needs from the document it stores. */
export interface WriteQueueHost<M> {
  /** Confirms the seqs offered since the last commit; called after each successful commit. */
  confirm(acks: Map<M, number>): void;
  /** Whether a snapshot may be stored now (not while Yjs keeps content nobody confirmed). */
  canCompact(): boolean;
  /**
   * The document's state for a snapshot, and a callback run once that snapshot is stored (only
   * then; not when the compaction failed).
   */
  snapshot(): { state: Uint8Array; stored(): void };
}

export interface WriteQueueDeps<M> {
  /** The document name the log rows are stored under. */
  name: string;
  storage: DocStorage;
  options: Pick<CollabOptions, "retryBaseMs" | "retryMaxMs" | "compactAfterRows">;
  log: Logger;
  /** Other nodes holding the same document: each committed row is published to them. */
  fanout?: Fanout;
  host: WriteQueueHost<M>;
}

/**
 * A document's write-behind queue: updates and confirmation offers wait in memory and are
 * written by one group-commit loop, and the log is compacted into a snapshot when it grew long.
 * Guarantees: every enqueued update is appended (retried with capped exponential backoff until
 * it succeeds) before any seq offered with or after it is confirmed; updates enqueued together
 * or during a write share the next insert; a committed row is published to other nodes only
 * after the commit; at most one write or compaction runs at a time.
 */
export class WriteQueue<M> {
  private pending: LogEntry[] = [];
  private pendingAcks = new Map<M, number>();
  private draining: Promise<void> | null = null;
  private rowCount = 0;
  private lastId = 0;
  private nextCompactionAt: number;

  constructor(private readonly deps: WriteQueueDeps<M>) {
    this.nextCompactionAt = deps.options.compactAfterRows;
  }

  /** Records where the stored log stands after loading the document. */
  loaded(lastId: number, rowCount: number): void {
    this.lastId = lastId;
    this.rowCount = rowCount;
  }

  /** Queues an update for the next commit; it does not start one (see `schedule`). */
  enqueue(entry: LogEntry): void {
    this.pending.push(entry);
  }

  /** Offers `seq` for confirmation to `member` after the next commit, and schedules it. */
  acknowledge(member: M, seq: number): void {
    this.pendingAcks.set(member, seq);
    this.schedule();
  }

  /** Forgets every offered seq: nothing queued so far will be confirmed (updates are still written). */
  dropAcks(): void {
    this.pendingAcks.clear();
  }

  /** Starts the commit loop unless it runs already. */
  schedule(): void {
    if (!this.draining) this.draining = this.drain();
  }

  /** Whether the log has grown enough for a compaction and the host allows one now. */
  compactionDue(): boolean {
    // Not while Yjs keeps pending structs: the snapshot would store content never confirmed.
    return this.rowCount > this.nextCompactionAt && this.deps.host.canCompact();
  }

  /** Resolves once every update queued so far is durable (retrying failed writes). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * The group commit loop: waits one event-loop turn so frames that arrived together share an
   * insert, then writes whatever is pending — everything that arrives during a write goes into
   * the next one. `draining` is cleared synchronously after the last check for work, so no
   * update can be queued without a running loop.
   */
  private async drain(): Promise<void> {
    try {
      await new Promise((resolve) => setImmediate(resolve));
      for (;;) {
        if (this.pending.length > 0 || this.pendingAcks.size > 0) await this.commitBatch();
        else if (this.compactionDue()) await this.compact();
        else break;
      }
    } finally {
      this.draining = null;
    }
  }

  private async commitBatch(): Promise<void> {
    const { name, storage, options, fanout } = this.deps;
    const entries: LogEntry[] = [];
    const acks = new Map<M, number>();
    for (let attempt = 0; ; attempt++) {
      // A retry absorbs what arrived meanwhile, so it is still one insert.
      entries.push(...this.pending);
      this.pending = [];
      for (const [member, seq] of this.pendingAcks) acks.set(member, seq);
      this.pendingAcks = new Map();
      if (entries.length === 0) break;
      try {
        const rows = mergeByAuthor(entries);
        this.lastId = await storage.append(name, rows);
        this.rowCount += rows.length;
        // After the commit, so other nodes never show text that could still be lost.
        for (const row of rows) fanout?.publish(name, "update", row.update);
        break;
      } catch (err) {
        const delay = Math.min(options.retryBaseMs * 2 ** attempt, options.retryMaxMs);
        this.deps.log.error(
          { err, updates: entries.length, retryInMs: delay },
          "storing collab updates failed; keeping them in memory and retrying",
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    this.deps.host.confirm(acks);
  }

  private async compact(): Promise<void> {
    const { state, stored } = this.deps.host.snapshot();
    try {
      await this.deps.storage.compact(this.deps.name, state, this.lastId);
      this.rowCount = 0;
      this.nextCompactionAt = this.deps.options.compactAfterRows;
      stored();
      this.deps.log.debug({ bytes: state.length }, "collab log compacted");
    } catch (err) {
      // The log stays complete without compaction; try again after another batch of rows.
      this.nextCompactionAt = this.rowCount + this.deps.options.compactAfterRows;
      this.deps.log.warn({ err }, "collab log compaction failed");
    }
  }
}

/** One log row per author and batch: fewer rows, same content. */
function mergeByAuthor(entries: LogEntry[]): LogEntry[] {
  const byAuthor = new Map<string | null, Uint8Array[]>();
  for (const entry of entries) {
    const list = byAuthor.get(entry.userId) ?? [];
    list.push(entry.update);
    byAuthor.set(entry.userId, list);
  }
  return [...byAuthor].map(([userId, updates]) => ({
    userId,
    update: updates.length === 1 ? updates[0] : Y.mergeUpdates(updates),
  }));
}
