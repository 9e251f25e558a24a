import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { consultationMembers } from "#db/schema/index.ts";
import { positionPage } from "#server/domain/positions/page.ts";
import { setMembership, setUserDisabled } from "#server/domain/admin.ts";
import { testServices } from "#testkit/services.ts";
import { seededDemo, type Account, type SeededDemo } from "./fixtures.ts";

let demo: SeededDemo;
beforeAll(async () => {
  demo = await seededDemo();
}, 120_000);
afterAll(async () => {
  await demo?.handle.close();
});

/** The names the position page of the account's organisation lists as able to release. */
async function releaserNames(account: Account, now?: Date): Promise<string[]> {
  const page = await positionPage(
    testServices(demo.db),
    demo.user(account),
    demo.consultationId,
    demo.measureId("M-03"),
    now,
  );
  return page.releasers.map((r) => r.name);
}

/** The organisation the account acts for in the demo consultation. */
async function organisationOf(account: Account): Promise<string> {
  const [row] = await demo.db
    .select({ organisationId: consultationMembers.organisationId })
    .from(consultationMembers)
    .where(eq(consultationMembers.userId, demo.user(account).id));
  return row!.organisationId;
}

describe("issue 12 item 17: the position page names who may release it", () => {
  it("lists the organisation's members with the release right, and nobody where none has it", async () => {
    expect(await releaserNames("contributor")).toEqual(["Michael Braun"]);
    expect(await releaserNames("releaser")).toEqual(["Michael Braun"]);
    expect(await releaserNames("editor")).toEqual([]);
  });

  it("follows granted rights and disabled accounts; the deadline closes releasing for all but names stay", async () => {
    const services = testServices(demo.db);
    const admin = demo.user("admin");
    await setMembership(services, admin, {
      userId: demo.user("contributor").id,
      organisationId: await organisationOf("contributor"),
      canReleasePositions: true,
    });
    expect(await releaserNames("contributor")).toEqual(["Julia Schäfer", "Michael Braun"]);

    await setUserDisabled(services, admin, { userId: demo.user("releaser").id, disabled: true });
    expect(await releaserNames("contributor")).toEqual(["Julia Schäfer"]);
    expect(await releaserNames("contributor", demo.afterDeadline)).toEqual(["Julia Schäfer"]);

    await setMembership(services, admin, {
      userId: demo.user("contributor").id,
      organisationId: await organisationOf("contributor"),
      canReleasePositions: false,
    });
    expect(await releaserNames("contributor")).toEqual([]);
  });
});
