import type { DocSchema } from "./schema.ts";

/** Tunables of the collaboration server; tests shorten the timers. */
export interface CollabOptions {
  /** Largest accepted WebSocket frame; larger frames close the socket with 1009. */
  maxFrameBytes: number;
  /**
   * Largest document, measured as the loaded state plus every update applied since (an upper
   * bound of the encoded state, recomputed exactly at compaction).
   */
  maxDocumentBytes: number;
  /** Token bucket per connection: sustained frames per second … */
  ratePerSecond: number;
  /** … and the burst allowed on top. */
  rateBurst: number;
  /** Frames buffered per connection while its room is still loading. */
  maxQueuedFrames: number;
  /** Awareness client ids one connection may introduce (a tab normally uses one). */
  maxAwarenessClients: number;
  /** Largest awareness state (JSON bytes) a connection may set; larger closes with 4413. */
  maxAwarenessStateBytes: number;
  /** Byte budget per connection for its own awareness states: sustained bytes per second … */
  awarenessBytesPerSecond: number;
  /** … and the burst on top; exceeding it closes with 4429. */
  awarenessBurstBytes: number;
  /** Open collab sockets per user across all sections; further upgrades get 429. */
  maxConnectionsPerUser: number;
  /** Bytes Yjs may keep pending (updates with missing dependencies) per document. */
  maxPendingBytes: number;
  /** A connection whose pending updates are not resolved this long after the server asked is closed (4400). */
  pendingTimeoutMs: number;
  /** What client updates may contain; null accepts any valid Yjs update (tests of other layers). */
  schema: DocSchema | null;
  /** Log rows since the snapshot above which the room folds the log into the snapshot. */
  compactAfterRows: number;
  /** A room with no connections is unloaded this long after the last one left. */
  idleUnloadMs: number;
  /** The session of every open socket is validated again this often. */
  sessionCheckMs: number;
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  pingMs: number;
  /** First retry delay after a failed database write; doubles up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a loading room waits for its fan-out subscription before serving anyway. */
  subscribeTimeoutMs: number;
}

export const defaultOptions: CollabOptions = {
  maxFrameBytes: 1024 * 1024,
  maxDocumentBytes: 10 * 1024 * 1024,
  ratePerSecond: 200,
  rateBurst: 400,
  maxQueuedFrames: 1000,
  maxAwarenessClients: 8,
  maxAwarenessStateBytes: 4 * 1024,
  awarenessBytesPerSecond: 32 * 1024,
  awarenessBurstBytes: 128 * 1024,
  maxConnectionsPerUser: 20,
  maxPendingBytes: 1024 * 1024,
  pendingTimeoutMs: 10_000,
  schema: null,
  compactAfterRows: 500,
  idleUnloadMs: 30_000,
  sessionCheckMs: 60_000,
  pingMs: 30_000,
  retryBaseMs: 100,
  retryMaxMs: 5_000,
  subscribeTimeoutMs: 2_000,
};

/** A token bucket; `take()` is false once the connection exceeded rate and burst. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `cost` tokens; false when not enough are left (the caller closes the connection). */
  take(cost = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

/** Thrown while handling a frame when the connection must be closed with `closeCode`. */
export class ProtocolViolation extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolViolation";
  }
}
