import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import {
  createLocalEventBus,
  type ConsultationEvent,
  type EventBus,
  type SessionsEnded,
} from "./events.ts";
import type { Logger } from "./log.ts";

const CHANNEL = "ratschlag:consultation-events";
const SESSIONS_CHANNEL = "ratschlag:sessions-ended";

export interface RedisEventBus extends EventBus {
  /** Resolves once the subscription is active (events from other nodes arrive from then on). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * An event bus for several nodes: each event is delivered to this node's subscribers at once and
 * published on Redis for the others. Events carry ids only and just make pages reload their
 * data, so one lost while Redis is away costs freshness, never data.
 */
export function createRedisEventBus(url: string, log: Logger): RedisEventBus {
  const node = randomUUID();
  const local = createLocalEventBus();
  const options = { connectionName: "ratschlag-events", maxRetriesPerRequest: null };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const client of [publisher, subscriber]) {
    client.on("error", (err) => log.warn({ err }, "event bus: Redis connection error"));
  }
  subscriber.on("message", (channel: string, message: string) => {
    try {
      const { from, event } = JSON.parse(message) as {
        from: string;
        event: ConsultationEvent | SessionsEnded;
      };
      if (from === node) return;
      if (channel === SESSIONS_CHANNEL) local.endSessions(event as SessionsEnded);
      else local.publish(event as ConsultationEvent);
    } catch (err) {
      log.warn({ err }, "event bus: malformed message ignored");
    }
  });
  const ready = subscriber.subscribe(CHANNEL, SESSIONS_CHANNEL).then(() => undefined);
  return {
    ready,
    publish(event) {
      local.publish(event);
      publisher
        .publish(CHANNEL, JSON.stringify({ from: node, event }))
        .catch((err: unknown) => log.warn({ err }, "event bus: publish to Redis failed"));
    },
    subscribe: (consultationId, listener) => local.subscribe(consultationId, listener),
    endSessions(ended) {
      local.endSessions(ended);
      publisher
        .publish(SESSIONS_CHANNEL, JSON.stringify({ from: node, event: ended }))
        .catch((err: unknown) => log.warn({ err }, "event bus: publish to Redis failed"));
    },
    onSessionsEnded: (listener) => local.onSessionsEnded(listener),
    listenerCount: (consultationId) => local.listenerCount(consultationId),
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
