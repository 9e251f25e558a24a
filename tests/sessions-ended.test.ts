import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loader as eventsLoader } from "#app/routes/events.ts";
import type { DatabaseHandle } from "#db/client.ts";
import { createSession, type Session, type SessionUser } from "#server/auth/session.ts";
import { setUserDisabled, setUserPassword } from "#server/domain/admin.ts";
import { logout } from "#server/domain/auth.ts";
import { createRedisEventBus, type RedisEventBus } from "#server/events-redis.ts";
import { createLocalEventBus, type SessionsEnded } from "#server/events.ts";
import type { Services } from "#server/services.ts";
import { createLogger } from "#server/log.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createConsultationFixture } from "#tests/helpers/fixtures.ts";
import { routeContext, testServices } from "#testkit/services.ts";

/** Issue 10 item 10: logout, a password reset or a disabled account end connections at once. */

let database: DatabaseHandle;
let fixture: Awaited<ReturnType<typeof createConsultationFixture>>;
let ended: SessionsEnded[];
let services: Services;

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await createConsultationFixture(database.db);
});
afterAll(async () => {
  await database?.close();
});
beforeEach(() => {
  services = testServices(database.db, { events: createLocalEventBus() });
  ended = [];
  services.events.onSessionsEnded((e) => ended.push(e));
});

async function sessionOf(user: SessionUser): Promise<Session> {
  const { session } = await createSession(database.db, user.id);
  return session;
}

function context(user: SessionUser, session: Session, maxConnectionsPerUser = 20) {
  const config = { ...services.config, maxConnectionsPerUser };
  return routeContext({ ...services, config }, { auth: { session, user } });
}

/** Opens the live-update stream of the fixture's consultation and reads its first chunk. */
async function openStream(user: SessionUser, session: Session, max?: number) {
  const controller = new AbortController();
  const response = (await eventsLoader({
    context: context(user, session, max),
    request: new Request(`http://ratschlag.test/c/${fixture.consultation.id}/events`, {
      signal: controller.signal,
    }),
    params: { consultationId: fixture.consultation.id },
  } as unknown as Parameters<typeof eventsLoader>[0])) as Response;
  if (response.status !== 200) return { response, ended: Promise.resolve(), abort: () => {} };
  const reader = response.body!.getReader();
  await reader.read();
  const endedPromise = (async () => {
    for (;;) if ((await reader.read()).done) return;
  })();
  return { response, ended: endedPromise, abort: () => controller.abort() };
}

describe("issue 10 item 10: ending a session ends its connections", () => {
  it("logout announces the ended session", async () => {
    const user = fixture.members.editor;
    const session = await sessionOf(user);
    await logout(services, {
      sessionId: session.id,
      userId: user.id,
      email: user.email,
      ip: "127.0.0.1",
    });
    expect(ended).toEqual([{ sessionId: session.id }]);
  });

  it("a password reset and disabling an account announce all of the user's sessions", async () => {
    const user = fixture.members.contributor;
    await setUserPassword(services, fixture.admin, {
      userId: user.id,
      password: "ein neues langes Kennwort 2027",
    });
    await setUserDisabled(services, fixture.admin, {
      userId: user.id,
      disabled: true,
    });
    expect(ended).toEqual([{ userId: user.id }, { userId: user.id }]);
    await setUserDisabled(services, fixture.admin, {
      userId: user.id,
      disabled: false,
    });
    expect(ended).toHaveLength(2);
  });

  it("the live-update stream of the ended session closes at once, another session's stays", async () => {
    const user = fixture.members.observer;
    const [one, two] = [await sessionOf(user), await sessionOf(user)];
    const first = await openStream(user, one);
    const second = await openStream(user, two);
    expect(first.response.status).toBe(200);
    let secondEnded = false;
    void second.ended.then(() => (secondEnded = true));
    services.events.endSessions({ sessionId: one.id });
    await first.ended;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondEnded).toBe(false);
    services.events.endSessions({ userId: user.id });
    await second.ended;
  });
});

describe("issue 10 item 4: live-update streams per user", () => {
  it("refuses a stream beyond the per-user limit with 429 and frees the slot on close", async () => {
    const user = fixture.members.moderator;
    const session = await sessionOf(user);
    const open = [await openStream(user, session, 2), await openStream(user, session, 2)];
    const refused = await openStream(user, session, 2);
    expect(refused.response.status).toBe(429);
    open[0].abort();
    await open[0].ended.catch(() => {});
    const again = await openStream(user, session, 2);
    expect(again.response.status).toBe(200);
    services.events.endSessions({ userId: user.id });
    await Promise.all([open[1].ended, again.ended]);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.skipIf(!redisUrl)("issue 10 item 10: across nodes (Redis)", () => {
  const buses: RedisEventBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it("an ended session announced on one node reaches the other", async () => {
    const log = createLogger("silent");
    const a = createRedisEventBus(redisUrl!, log);
    const b = createRedisEventBus(redisUrl!, log);
    buses.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const onB: SessionsEnded[] = [];
    b.onSessionsEnded((e) => onB.push(e));
    a.endSessions({ sessionId: "abc" });
    await expect.poll(() => onB, { timeout: 5_000 }).toEqual([{ sessionId: "abc" }]);
  });
});
