import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "#server/log.ts";

/** What one node tells the other nodes holding the same document. */
export type FanoutKind = "update" | "awareness";

/**
 * Delivery of document updates and awareness between nodes. Best effort: a node that may have
 * missed messages is told through `onResubscribed` and catches up from the stored log; lost
 * awareness is repaired by the clients' regular renewal.
 */
export interface Fanout {
  /** Resolves once messages of other nodes for the document are being delivered to `handler`. */
  subscribe(
    docName: string,
    handler: (kind: FanoutKind, payload: Uint8Array) => void,
  ): Promise<void>;
  /** Stops delivery for the document. */
  unsubscribe(docName: string): Promise<void>;
  /** Sends to the other nodes; never throws (a failure is logged). */
  publish(docName: string, kind: FanoutKind, payload: Uint8Array): void;
  /** Registers a callback run after the subscriptions were restored following a connection loss. */
  onResubscribed(callback: () => void): void;
  close(): Promise<void>;
}

const CHANNEL_PREFIX = "ratschlag:collab:";
const KIND_BYTES: Record<FanoutKind, number> = { update: 1, awareness: 2 };
const NODE_ID_BYTES = 8;

/**
 * Redis pub/sub fan-out: one channel per document, one subscriber connection per node.
 * Messages are `[kind byte][8-byte node id][payload]`; a node ignores its own.
 */
export class RedisFanout implements Fanout {
  private readonly nodeId = randomBytes(NODE_ID_BYTES);
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, (kind: FanoutKind, payload: Uint8Array) => void>();
  private readonly resubscribed: (() => void)[] = [];
  private connectedOnce = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const name = `ratschlag-collab-${this.nodeId.toString("hex")}`;
    // The publisher's offline queue keeps messages sent during a short outage and delivers them
    // after reconnecting; anything still lost is recovered by the other nodes' catch-up.
    this.publisher = new Redis(url, { connectionName: name, maxRetriesPerRequest: null });
    this.subscriber = new Redis(url, { connectionName: name, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) {
      client.on("error", (err) => this.log.warn({ err }, "collab redis connection error"));
    }
    this.subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) =>
      this.onMessage(channel, message),
    );
    this.subscriber.on("ready", () => void this.onReady());
  }

  async subscribe(
    docName: string,
    handler: (kind: FanoutKind, payload: Uint8Array) => void,
  ): Promise<void> {
    this.handlers.set(CHANNEL_PREFIX + docName, handler);
    await this.subscriber.subscribe(CHANNEL_PREFIX + docName);
  }

  async unsubscribe(docName: string): Promise<void> {
    this.handlers.delete(CHANNEL_PREFIX + docName);
    try {
      await this.subscriber.unsubscribe(CHANNEL_PREFIX + docName);
    } catch (err) {
      this.log.warn({ err, doc: docName }, "collab redis unsubscribe failed");
    }
  }

  publish(docName: string, kind: FanoutKind, payload: Uint8Array): void {
    const message = Buffer.concat([Buffer.of(KIND_BYTES[kind]), this.nodeId, payload]);
    this.publisher.publish(CHANNEL_PREFIX + docName, message).catch((err: unknown) => {
      this.log.warn({ err, doc: docName }, "collab redis publish failed");
    });
  }

  onResubscribed(callback: () => void): void {
    this.resubscribed.push(callback);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private onMessage(channel: Buffer, message: Buffer): void {
    const handler = this.handlers.get(channel.toString());
    if (!handler || message.length < 1 + NODE_ID_BYTES) return;
    if (message.subarray(1, 1 + NODE_ID_BYTES).equals(this.nodeId)) return;
    const kind = message[0] === KIND_BYTES.update ? "update" : "awareness";
    try {
      handler(kind, new Uint8Array(message.subarray(1 + NODE_ID_BYTES)));
    } catch (err) {
      this.log.error({ err, channel: channel.toString() }, "collab fan-out message failed");
    }
  }

  private async onReady(): Promise<void> {
    if (!this.connectedOnce) {
      this.connectedOnce = true;
      return;
    }
    try {
      // ioredis re-subscribes on reconnect before any later command; a PING round trip
      // therefore proves the subscriptions are active before the catch-up reads the log.
      await this.subscriber.ping();
    } catch (err) {
      this.log.warn({ err }, "collab redis ping after reconnect failed");
      return;
    }
    this.log.info("collab redis subscriptions restored; catching up from the log");
    for (const callback of this.resubscribed) callback();
  }
}
