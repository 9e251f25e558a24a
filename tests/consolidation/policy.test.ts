import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consolidationPage,
  loadQueue,
  ownDispositionsPage,
  parseQueueQuery,
  publishDispositions,
  setDisposition,
} from "#server/domain/consolidation.ts";
import {
  comparisonPage,
  freezeVersion,
  versionPage,
  versionsPage,
} from "#server/domain/versions.ts";
import { councilPackage } from "#server/export/council.ts";
import { createUser } from "#tests/helpers/fixtures.ts";
import { outcome, seededDemo, type Account, type SeededDemo } from "#tests/measures/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let demo: SeededDemo;
let versionId: string;
let itemKey: string;
let outsider: { id: string; isAdmin: boolean; email: string };

beforeAll(async () => {
  demo = await seededDemo();
  versionId = (
    await freezeVersion(testServices(demo.db), demo.user("moderator"), {
      consultationId: demo.consultationId,
      name: "V",
    })
  ).id;
  itemKey = (await loadQueue(demo.db, demo.consultationId))[0]!.key;
  outsider = await createUser(demo.db, { name: "Außenstehend" });
});
afterAll(async () => {
  await demo.handle.close();
});

type Who = Account | "outsider";
const who = (w: Who) => (w === "outsider" ? outsider : demo.user(w));
const everyone: Who[] = [
  "admin",
  "moderator",
  "editor",
  "contributor",
  "releaser",
  "observer",
  "outsider",
];

/** What each role gets from each entry point, written out independently of the policy module. */
const EXPECTED: Record<string, Record<Who, string>> = {
  "consolidation workspace (disposition.edit)": {
    admin: "ok",
    moderator: "ok",
    editor: "forbidden:role",
    contributor: "forbidden:role",
    releaser: "forbidden:role",
    observer: "forbidden:role",
    outsider: "not_found:not_found",
  },
  "set a disposition (disposition.edit)": {
    admin: "ok",
    moderator: "ok",
    editor: "forbidden:role",
    contributor: "forbidden:role",
    releaser: "forbidden:role",
    observer: "forbidden:role",
    outsider: "not_found:not_found",
  },
  "freeze a version (version.create)": {
    admin: "ok",
    moderator: "ok",
    editor: "forbidden:role",
    contributor: "forbidden:role",
    releaser: "forbidden:role",
    observer: "forbidden:role",
    outsider: "not_found:not_found",
  },
  "export the council package (export.create)": {
    admin: "ok",
    moderator: "ok",
    editor: "forbidden:role",
    contributor: "forbidden:role",
    releaser: "forbidden:role",
    observer: "forbidden:role",
    outsider: "not_found:not_found",
  },
  "read versions and comparisons (section.view)": {
    admin: "ok",
    moderator: "ok",
    editor: "ok",
    contributor: "ok",
    releaser: "ok",
    observer: "ok",
    outsider: "not_found:not_found",
  },
  "read own published dispositions (consultation.view)": {
    admin: "ok",
    moderator: "ok",
    editor: "ok",
    contributor: "ok",
    releaser: "ok",
    observer: "ok",
    outsider: "not_found:not_found",
  },
};

const calls: Record<string, (w: Who, n: number) => Promise<unknown>> = {
  "consolidation workspace (disposition.edit)": (w) =>
    consolidationPage(
      testServices(demo.db),
      who(w),
      demo.consultationId,
      parseQueueQuery(new URLSearchParams()),
    ),
  "set a disposition (disposition.edit)": (w) =>
    setDisposition(testServices(demo.db), who(w), {
      consultationId: demo.consultationId,
      items: [itemKey],
      category: "noted",
      justification: "Geprüft.",
      links: [],
    }),
  "freeze a version (version.create)": (w, n) =>
    freezeVersion(testServices(demo.db), who(w), {
      consultationId: demo.consultationId,
      name: `Fassung ${w} ${n}`,
    }),
  "export the council package (export.create)": (w) =>
    councilPackage(testServices(demo.db), who(w), {
      consultationId: demo.consultationId,
      versionId,
      anonymous: true,
    }),
  "read versions and comparisons (section.view)": async (w) => {
    await versionsPage(testServices(demo.db), who(w), demo.consultationId);
    await versionPage(testServices(demo.db), who(w), {
      consultationId: demo.consultationId,
      versionId,
    });
    await comparisonPage(testServices(demo.db), who(w), {
      consultationId: demo.consultationId,
      from: versionId,
      to: "current",
    });
  },
  "read own published dispositions (consultation.view)": (w) =>
    ownDispositionsPage(testServices(demo.db), who(w), demo.consultationId),
};

describe("consolidation policy matrix", () => {
  let n = 0;
  for (const [entry, expected] of Object.entries(EXPECTED)) {
    for (const w of everyone) {
      it(`${w}: ${entry} → ${expected[w]}`, async () => {
        expect(await outcome(calls[entry]!(w, n++))).toBe(expected[w]);
      });
    }
  }

  it("publishing needs disposition.publish", async () => {
    for (const w of ["editor", "contributor", "releaser", "observer"] as const) {
      expect(
        await outcome(
          publishDispositions(testServices(demo.db), who(w), {
            consultationId: demo.consultationId,
          }),
        ),
      ).toBe("forbidden:role");
    }
    expect(
      await outcome(
        publishDispositions(testServices(demo.db), who("moderator"), {
          consultationId: demo.consultationId,
        }),
      ),
    ).toBe("ok");
  });
});
