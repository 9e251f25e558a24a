import { afterAll, describe, expect, it } from "vitest";
import { createRedisEventBus, type RedisEventBus } from "#server/events-redis.ts";
import type { ConsultationEvent } from "#server/events.ts";
import { createLogger } from "#server/log.ts";

const redisUrl = process.env.TEST_REDIS_URL;
const buses: RedisEventBus[] = [];
afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
});

describe.skipIf(!redisUrl)("event bus across nodes (Redis)", () => {
  it("delivers an event published on one node to subscribers on another, once", async () => {
    const log = createLogger("silent");
    const a = createRedisEventBus(redisUrl!, log);
    const b = createRedisEventBus(redisUrl!, log);
    buses.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const consultationId = `c-${Date.now()}`;
    const onA: ConsultationEvent[] = [];
    const onB: ConsultationEvent[] = [];
    a.subscribe(consultationId, (e) => onA.push(e));
    b.subscribe(consultationId, (e) => onB.push(e));
    b.subscribe("other-consultation", () => {
      throw new Error("must not be called");
    });
    const event: ConsultationEvent = { type: "position.released", consultationId, subjectId: "m1" };
    a.publish(event);
    await expect.poll(() => onB.length, { timeout: 5_000 }).toBe(1);
    expect(onB[0]).toEqual(event);
    // Give a stray echo the time to arrive before checking that the sender saw its event once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onA).toEqual([event]);
  });
});
