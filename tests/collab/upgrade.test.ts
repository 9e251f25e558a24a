import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "#db/schema/index.ts";
import { createSession, invalidateUserSessions, SESSION_COOKIE } from "#server/auth/session.ts";
import { CLOSE_SESSION_ENDED } from "#common/collab-protocol.ts";
import { connectClient, ORIGIN, rawSocket, synced, waitFor, useCollabServer } from "./helpers.ts";

const env = useCollabServer();

describe("authenticated upgrade", () => {
  it("refuses an upgrade without a session with 401", async () => {
    const socket = rawSocket(env.server, env.fixture.sectionId, { origin: ORIGIN });
    expect(await socket.refused).toBe(401);
  });

  it("refuses an unknown or forged session token with 401", async () => {
    const socket = rawSocket(env.server, env.fixture.sectionId, {
      origin: ORIGIN,
      cookie: "ratschlag_session=abc.def",
    });
    expect(await socket.refused).toBe(401);
  });

  it("refuses a foreign Origin with 403, even with a valid session", async () => {
    const socket = rawSocket(env.server, env.fixture.sectionId, {
      origin: "http://evil.test",
      cookie: env.fixture.cookies.editor,
    });
    expect(await socket.refused).toBe(403);
    const noOrigin = rawSocket(env.server, env.fixture.sectionId, {
      cookie: env.fixture.cookies.editor,
    });
    expect(await noOrigin.refused).toBe(403);
  });

  it("refuses a non-member and an unknown section alike with 403", async () => {
    const outsider = rawSocket(env.server, env.fixture.sectionId, {
      origin: ORIGIN,
      cookie: env.fixture.cookies.outsider,
    });
    expect(await outsider.refused).toBe(403);
    const unknown = rawSocket(env.server, "00000000-0000-4000-8000-000000000000", {
      origin: ORIGIN,
      cookie: env.fixture.cookies.editor,
    });
    expect(await unknown.refused).toBe(403);
    const notUuid = rawSocket(env.server, "not-a-section", {
      origin: ORIGIN,
      cookie: env.fixture.cookies.editor,
    });
    expect(await notUuid.refused).toBe(403);
  });

  it("lets members of every role open the socket; only editors may edit", async () => {
    const editor = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.editor);
    const observer = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.observer);
    const contributor = connectClient(
      env.server,
      env.fixture.sectionId,
      env.fixture.cookies.contributor,
    );
    await Promise.all([synced(editor), synced(observer), synced(contributor)]);
    await waitFor(
      () => editor.access.length > 0 && observer.access.length > 0 && contributor.access.length > 0,
      "access messages",
    );
    expect([editor.access[0], observer.access[0], contributor.access[0]]).toEqual([
      true,
      false,
      false,
    ]);
    for (const client of [editor, observer, contributor]) client.destroy();
  });

  it("closes an open socket with 4401 once the session is revoked", async () => {
    const editor = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.editor2);
    await synced(editor);
    await invalidateUserSessions(env.db, env.fixture.users.editor2);
    await env.server.collab.refreshAccess({ userId: env.fixture.users.editor2 });
    await waitFor(() => editor.closeCodes.includes(CLOSE_SESSION_ENDED), "close 4401");
    editor.destroy();
  });

  it("notices an ended session by itself at the periodic check", async () => {
    const checking = await env.startServer({ sessionCheckMs: 50 });
    const { token } = await createSession(env.db, env.fixture.users.contributor);
    const client = connectClient(checking, env.fixture.sectionId, `${SESSION_COOKIE}=${token}`);
    await synced(client);
    await invalidateUserSessions(env.db, env.fixture.users.contributor);
    await waitFor(() => client.closeCodes.includes(CLOSE_SESSION_ENDED), "close 4401");
    client.destroy();
    await checking.stop();
  });

  it("closes an open socket with 4401 when the account is disabled", async () => {
    const observer = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.observer);
    await synced(observer);
    await env.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.id, env.fixture.users.observer));
    await env.server.collab.refreshAccess({ userId: env.fixture.users.observer });
    await waitFor(() => observer.closeCodes.includes(CLOSE_SESSION_ENDED), "close 4401");
    observer.destroy();
  });
});
