import { describe, expect, it } from "vitest";
import { encodeAwarenessUpdate, PALETTE, pickColour } from "#server/collab/awareness.ts";
import { awarenessFrame } from "#common/collab-protocol.ts";
import { connectClient, ORIGIN, rawSocket, synced, waitFor, useCollabServer } from "./helpers.ts";

const env = useCollabServer();

/** WCAG 2.x contrast ratio of a #rrggbb colour against white. */
function contrastWithWhite(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

describe("awareness identity", () => {
  it("every palette colour has at least 3:1 contrast against white", () => {
    for (const colour of PALETTE) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5);
  });

  it("gives different users present together different colours", () => {
    const taken = new Set<string>();
    for (let i = 0; i < PALETTE.length; i++) taken.add(pickColour(`user-${i}`, taken));
    expect(taken.size).toBe(PALETTE.length);
  });

  it("the server sets name, organisation and colour from the session", async () => {
    const a = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.editor);
    const b = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.observer);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", {
      name: env.fixture.names.observer,
      colour: "#fff",
    });
    a.provider.awareness.setLocalStateField("cursor", { index: 3 });
    const seen = () => b.provider.awareness.getStates().get(a.doc.clientID);
    await waitFor(() => seen()?.cursor?.index === 3, "b sees a's cursor");
    expect(seen()?.user.name).toBe(env.fixture.names.editor);
    expect(seen()?.user.organisation).toBe(env.fixture.organisationName);
    expect(PALETTE).toContain(seen()?.user.colour);
    a.destroy();
    b.destroy();
  });

  it("a client cannot set another user's state nor remove another client's state", async () => {
    const victim = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.editor);
    const watcher = connectClient(env.server, env.fixture.sectionId, env.fixture.cookies.editor2);
    await Promise.all([synced(victim), synced(watcher)]);
    victim.provider.awareness.setLocalStateField("cursor", { index: 1 });
    const victimState = () => watcher.provider.awareness.getStates().get(victim.doc.clientID);
    await waitFor(() => victimState()?.cursor?.index === 1, "victim visible");
    const clock = watcher.provider.awareness.meta.get(victim.doc.clientID)!.clock;

    const attacker = rawSocket(env.server, env.fixture.sectionId, {
      origin: ORIGIN,
      cookie: env.fixture.cookies.contributor,
    });
    await attacker.opened;
    const warnings = () =>
      env.server.logs.filter((l) => l.msg === "awareness change for foreign client ids dropped")
        .length;
    const before = warnings();
    attacker.ws.send(
      awarenessFrame(
        encodeAwarenessUpdate([
          { clientId: victim.doc.clientID, clock: clock + 1, state: { cursor: { index: 99 } } },
        ]),
      ),
    );
    attacker.ws.send(
      awarenessFrame(
        encodeAwarenessUpdate([{ clientId: victim.doc.clientID, clock: clock + 2, state: null }]),
      ),
    );
    // The attacker's own state goes through, with its own identity.
    attacker.ws.send(
      awarenessFrame(
        encodeAwarenessUpdate([{ clientId: 777, clock: 1, state: { cursor: { index: 5 } } }]),
      ),
    );
    await waitFor(() => warnings() >= before + 2, "both attempts refused");
    await waitFor(
      () => watcher.provider.awareness.getStates().get(777)?.cursor?.index === 5,
      "attacker's own state",
    );
    expect(watcher.provider.awareness.getStates().get(777)?.user.name).toBe(
      env.fixture.names.contributor,
    );
    expect(victimState()?.cursor?.index).toBe(1);
    expect(victimState()?.user.name).toBe(env.fixture.names.editor);

    // Closing a socket removes the states it introduced.
    attacker.ws.terminate();
    await waitFor(() => !watcher.provider.awareness.getStates().has(777), "attacker state removed");
    expect(victimState()?.cursor?.index).toBe(1);
    victim.destroy();
    watcher.destroy();
  });
});
