import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator, type MessageKey } from "#common/i18n/index.ts";
import { loader as eventsLoader } from "#app/routes/events.ts";
import { memberships, users } from "#db/schema/index.ts";
import type { Session, SessionUser } from "#server/auth/session.ts";

import { evaluateAccess } from "#server/collab/auth.ts";
import { removeMembership } from "#server/domain/admin.ts";
import { consultationAuditLog } from "#server/domain/audit-log.ts";
import { positionPage } from "#server/domain/positions/page.ts";
import { positionsMatrix } from "#server/domain/positions/matrix.ts";
import { recordPosition } from "#server/domain/positions/commands.ts";
import { outcome, seededDemo, type Account, type SeededDemo } from "#tests/measures/fixtures.ts";
import { routeContext, testServices } from "#testkit/services.ts";

let demo: SeededDemo;

beforeAll(async () => {
  demo = await seededDemo();
});
afterAll(async () => {
  await demo.handle.close();
});

const draft = (account: Account, stance = "reject", reasoning = "Geheimer Entwurfstext") =>
  recordPosition(testServices(demo.db), demo.user(account), {
    consultationId: demo.consultationId,
    measureId: demo.measureId("M-01"),
    stance,
    reasoning,
    conditions: "",
    costImpact: "",
    release: false,
  });

async function sessionUser(account: Account): Promise<SessionUser> {
  const [row] = await demo.db
    .select()
    .from(users)
    .where(eq(users.id, demo.user(account).id));
  return row as unknown as SessionUser;
}

/** Opens the live-event stream as the account; collects the event types it delivers. */
async function openStream(account: Account) {
  const user = await sessionUser(account);
  const abort = new AbortController();
  const response = await eventsLoader({
    context: routeContext(testServices(demo.db), {
      auth: { user, session: { id: `s-${account}` } as Session },
    }),
    request: new Request(`http://localhost/c/${demo.consultationId}/events`, {
      signal: abort.signal,
    }),
    params: { consultationId: demo.consultationId },
  } as unknown as Parameters<typeof eventsLoader>[0]);
  const reader = (response as Response).body!.getReader();
  const received: string[] = [];
  let ended = false;
  void (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const match of decoder.decode(value).matchAll(/data: (\{.*\})/g)) {
        received.push((JSON.parse(match[1]!) as { type: string }).type);
      }
    }
    ended = true;
  })();
  return {
    received,
    ended: () => ended,
    close: () => abort.abort(),
  };
}

/** An event every member may see, to know that everything published before it was handled. */
function marker() {
  testServices(demo.db).events.publish({
    type: "measure.changed",
    consultationId: demo.consultationId,
    subjectId: demo.measureId("M-01"),
  });
}

describe("issue 10 item 8: drafts do not leak", () => {
  it("issue 10 item 8: the audit log shows a moderator another organisation's draft as 'draft saved' without its stance or text", async () => {
    await draft("contributor", "reject");
    const moderator = await consultationAuditLog(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
    );
    const entry = moderator.entries.find((e) => e.action === "position.drafted");
    expect(entry).toBeTruthy();
    expect(JSON.stringify(entry!.details)).not.toContain("reject");
    expect(entry!.details).toEqual({ measure: "M-01" });
    expect(translator("de")(`audit.action.${entry!.action}` as MessageKey)).toBe(
      "Entwurf gespeichert",
    );
    // The drafting organisation's own view of the same data keeps the stance.
    const own = await positionPage(
      testServices(demo.db),
      demo.user("releaser"),
      demo.consultationId,
      demo.measureId("M-01"),
    );
    expect(own.draft?.stance).toBe("reject");
    // The matrix shows the moderator that a draft exists (same rule), never its stance.
    const matrix = await positionsMatrix(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
    );
    const stadtwerke = matrix.organisations.find((o) => o.name === "Stadtwerke")!;
    expect(matrix.cells[demo.measureId("M-01")]![stadtwerke.id]).toEqual({ state: "draft" });
  });

  it("issue 10 item 8: a draft's live event reaches the drafting organisation and moderators, not observers or other organisations", async () => {
    const streams = {
      releaser: await openStream("releaser"),
      moderator: await openStream("moderator"),
      observer: await openStream("observer"),
      editor: await openStream("editor"),
    };
    await draft("contributor");
    marker();
    for (const stream of Object.values(streams)) {
      await expect.poll(() => stream.received.includes("measure.changed")).toBe(true);
    }
    expect(streams.releaser.received).toEqual(["position.drafted", "measure.changed"]);
    expect(streams.moderator.received).toEqual(["position.drafted", "measure.changed"]);
    expect(streams.observer.received).toEqual(["measure.changed"]);
    expect(streams.editor.received).toEqual(["measure.changed"]);
    for (const stream of Object.values(streams)) stream.close();
  });
});

describe("issue 10 item 9: removing an organisation membership ends acting for it", () => {
  it("issue 10 item 9: a user removed from Stadtwerke can no longer see or save Stadtwerke drafts, and open streams and sockets lose access at once", async () => {
    const contributor = demo.user("contributor");
    await draft("contributor");
    const stream = await openStream("contributor");
    const [membership] = await demo.db
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.userId, contributor.id));
    const sectionGrantBefore = await evaluateAccess(
      demo.db,
      contributor,
      (await demo.db.query.sections.findFirst())!.id,
    );
    expect(sectionGrantBefore?.level).toBe("view");

    await removeMembership(testServices(demo.db), demo.user("admin"), {
      userId: contributor.id,
      organisationId: membership!.organisationId,
    });
    const [left] = await demo.db
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, contributor.id),
          eq(memberships.organisationId, membership!.organisationId),
        ),
      );
    expect(left).toBeUndefined();

    expect(
      await outcome(
        positionPage(
          testServices(demo.db),
          contributor,
          demo.consultationId,
          demo.measureId("M-01"),
        ),
      ),
    ).toBe("not_found:not_found");
    expect(await outcome(draft("contributor", "approve"))).toBe("not_found:not_found");
    // What the collab server's refreshAccess evaluates for open sockets: no access any more.
    expect(
      await evaluateAccess(demo.db, contributor, (await demo.db.query.sections.findFirst())!.id),
    ).toBeNull();

    // The open stream delivers no more Stadtwerke drafts (nor anything else) and ends.
    await draft("releaser");
    marker();
    await expect.poll(() => stream.ended()).toBe(true);
    expect(stream.received).toEqual([]);
  });
});
