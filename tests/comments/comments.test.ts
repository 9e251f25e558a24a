import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { DatabaseHandle } from "#db/client.ts";
import { auditLog, comments, docUpdates, notifications, sections } from "#db/schema/index.ts";
import type { Role } from "#common/vocabularies.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import { anchorsForRange } from "#common/anchors.ts";
import {
  createThread,
  deleteComment,
  editComment,
  replyToThread,
  setThreadResolved,
} from "#server/domain/threads.ts";
import { decideSuggestion } from "#server/domain/suggestions.ts";
import {
  openThreadCounts,
  sectionThreads,
  consultationThreads,
} from "#server/domain/thread-views.ts";
import { unreadNotificationCount } from "#server/domain/notifications.ts";
import { DomainError } from "#server/domain/errors.ts";
import { SeedingStorage } from "#server/docs/seeding.ts";
import type { CollabServer } from "#server/collab/index.ts";
import { startServer, type TestServer } from "#tests/collab/helpers.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { expectDomainError } from "#tests/helpers/domain-error.ts";
import { createConsultationFixture, type TestUser } from "#tests/helpers/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let database: DatabaseHandle;
let server: TestServer;
let collab: CollabServer;

/** The services with this file's collab server, which applies accepted suggestions. */
const services = () => testServices(database.db, { collab });

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer(
    database.db,
    {},
    new SeedingStorage(new PostgresStorage(database.db), database.db),
  );
  collab = server.collab;
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const PASSAGE = "digitale Souveränität";
const TEXT = `Wir stärken die ${PASSAGE} der Stadt.`;

/** A consultation whose section reads TEXT, plus anchors over PASSAGE (made as the browser does). */
async function setup(options: Parameters<typeof createConsultationFixture>[1] = {}) {
  const fixture = await createConsultationFixture(database.db, options);
  await database.db
    .update(sections)
    .set({ initialContent: TEXT })
    .where(eq(sections.id, fixture.section.id));
  // Loading through the collab server seeds the stored document from the starter text.
  await collab.editDocument(fixture.section.id, fixture.members.editor.id, () => {});
  const stored = await new PostgresStorage(database.db).load(fixture.section.id);
  const doc = new Y.Doc();
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const text = (doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const at = TEXT.indexOf(PASSAGE);
  const anchor = anchorsForRange(text, at, text, at + PASSAGE.length);
  doc.destroy();
  return { ...fixture, anchor };
}

function threadInput(f: Awaited<ReturnType<typeof setup>>, kind = "comment") {
  return {
    sectionId: f.section.id,
    kind,
    anchorStart: f.anchor.start,
    anchorEnd: f.anchor.end,
    quote: PASSAGE,
    body: kind === "comment" ? "Bitte präzisieren." : "",
    proposedText: kind === "suggestion" ? "digitale Unabhängigkeit" : undefined,
  };
}

async function storedText(sectionId: string) {
  const stored = await new PostgresStorage(database.db).load(sectionId);
  const doc = new Y.Doc();
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const text = doc.getXmlFragment("default").toString();
  doc.destroy();
  return text;
}

async function reason(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "allowed";
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind}:${error.code}`;
    throw error;
  }
}

describe("comments: permissions for every thread action and role", () => {
  const roles: Role[] = ["moderator", "editor", "contributor", "observer"];
  const expected: Record<string, Record<Role | "outsider", string>> = {
    comment: {
      moderator: "allowed",
      editor: "allowed",
      contributor: "allowed",
      observer: "forbidden:role",
      outsider: "not_found:not_found",
    },
    suggest: {
      moderator: "allowed",
      editor: "allowed",
      contributor: "allowed",
      observer: "forbidden:role",
      outsider: "not_found:not_found",
    },
    reply: {
      moderator: "allowed",
      editor: "allowed",
      contributor: "allowed",
      observer: "forbidden:role",
      outsider: "not_found:not_found",
    },
    resolveOthers: {
      moderator: "allowed",
      editor: "allowed",
      contributor: "forbidden:role",
      observer: "forbidden:role",
      outsider: "not_found:not_found",
    },
    decide: {
      moderator: "allowed",
      editor: "allowed",
      contributor: "forbidden:role",
      observer: "forbidden:role",
      outsider: "not_found:not_found",
    },
    deleteOthers: {
      moderator: "allowed",
      editor: "forbidden:role",
      contributor: "forbidden:role",
      observer: "forbidden:role",
      outsider: "not_found:not_found",
    },
    editOthers: {
      moderator: "forbidden:not_author",
      editor: "forbidden:not_author",
      contributor: "forbidden:not_author",
      observer: "forbidden:not_author",
      outsider: "not_found:not_found",
    },
  };

  for (const who of [...roles, "outsider" as const]) {
    it(`${who}`, async () => {
      const f = await setup();
      const user: TestUser = who === "outsider" ? f.outsider : f.members[who];
      // The thread to act on belongs to someone else (the contributor, or the editor for them).
      const owner = who === "contributor" ? f.members.editor : f.members.contributor;
      const threadId = await createThread(services(), owner, threadInput(f));
      const suggestionId = await createThread(services(), owner, threadInput(f, "suggestion"));
      const [first] = await database.db
        .select({ id: comments.id })
        .from(comments)
        .where(eq(comments.threadId, threadId));
      const got = {
        comment: await reason(createThread(services(), user, threadInput(f))),
        suggest: await reason(createThread(services(), user, threadInput(f, "suggestion"))),
        reply: await reason(replyToThread(services(), user, { threadId, body: "Antwort" })),
        resolveOthers: await reason(
          setThreadResolved(services(), user, { threadId, resolved: true }),
        ),
        decide: await reason(
          decideSuggestion(services(), user, {
            threadId: suggestionId,
            decision: "reject",
            reason: "Passt nicht",
          }),
        ),
        editOthers: await reason(
          editComment(services(), user, { commentId: first!.id, body: "Geändert" }),
        ),
        deleteOthers: await reason(deleteComment(services(), user, { commentId: first!.id })),
      };
      const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v[who]]));
      expect(got).toEqual(want);
    });
  }

  it("authors resolve and reopen their own thread, and edit and delete their own comments", async () => {
    const f = await setup();
    const author = f.members.contributor;
    const threadId = await createThread(services(), author, threadInput(f));
    await setThreadResolved(services(), author, { threadId, resolved: true });
    await setThreadResolved(services(), author, { threadId, resolved: false });
    const [first] = await database.db
      .select({ id: comments.id })
      .from(comments)
      .where(eq(comments.threadId, threadId));
    await editComment(services(), author, {
      commentId: first!.id,
      body: "Neu formuliert",
    });
    await deleteComment(services(), author, { commentId: first!.id });
    const page = await sectionThreads(services(), author, f.section.id, emptyQuery);
    const comment = page.threads[0]!.comments[0]!;
    expect(comment).toMatchObject({ deleted: true, body: "" });
    const [deleted] = await database.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, "comment.deleted"), eq(auditLog.targetId, first!.id)));
    expect(deleted?.details).toMatchObject({ body: "Neu formuliert" });
  });
});

const emptyQuery = { status: "", kind: "", organisation: "", author: "", section: "" };

describe("comments: phases and input", () => {
  it("no new threads or suggestions once the consultation phase is over, with the reason", async () => {
    const f = await setup({ phase: "consolidation" });
    const user = f.members.contributor;
    expect(await reason(createThread(services(), user, threadInput(f)))).toBe(
      "forbidden:phase_closed",
    );
    expect(await reason(createThread(services(), user, threadInput(f, "suggestion")))).toBe(
      "forbidden:phase_closed",
    );
    const page = await sectionThreads(services(), user, f.section.id, emptyQuery);
    expect(page.permissions).toMatchObject({ comment: false, commentDenial: "phase_closed" });
  });

  it("no new threads after the deadline, with that reason", async () => {
    const f = await setup({ consultationDeadline: new Date(Date.now() - 1000) });
    expect(await reason(createThread(services(), f.members.editor, threadInput(f)))).toBe(
      "forbidden:deadline_passed",
    );
  });

  it("refuses empty and over-long comments with field messages", async () => {
    const f = await setup();
    const user = f.members.editor;
    const empty = await expectDomainError(
      createThread(services(), user, { ...threadInput(f), body: "  " }),
      "invalid",
      "invalid",
    );
    expect(empty.fieldErrors).toEqual({ body: "form.required" });
    const long = await expectDomainError(
      createThread(services(), user, {
        ...threadInput(f),
        body: "x".repeat(10_001),
      }),
      "invalid",
      "invalid",
    );
    expect(long.fieldErrors).toEqual({ body: "comments.error.tooLong" });
    expect(
      await reason(
        createThread(services(), user, {
          ...threadInput(f),
          body: "x".repeat(10_000),
        }),
      ),
    ).toBe("allowed");
    const noAnchor = await expectDomainError(
      createThread(services(), user, {
        ...threadInput(f),
        anchorStart: "<script>",
      }),
      "invalid",
      "invalid",
    );
    expect(noAnchor.fieldErrors).toEqual({ quote: "comments.error.noPassage" });
  });

  it("keeps HTML in bodies as plain text (the UI renders it inert)", async () => {
    const f = await setup();
    const body = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    await createThread(services(), f.members.editor, { ...threadInput(f), body });
    const page = await sectionThreads(services(), f.members.editor, f.section.id, emptyQuery);
    expect(page.threads[0]!.comments[0]!.body).toBe(body);
  });
});

describe("comments: suggestions", () => {
  it("accepting changes the document exactly as proposed, attributed to the accepting user", async () => {
    const f = await setup();
    const threadId = await createThread(
      services(),
      f.members.contributor,
      threadInput(f, "suggestion"),
    );
    const editor = f.members.editor;
    const result = await decideSuggestion(services(), editor, {
      threadId,
      decision: "accept",
    });
    expect(result).toEqual({ ok: true });
    expect(await storedText(f.section.id)).toBe(
      "<paragraph>Wir stärken die digitale Unabhängigkeit der Stadt.</paragraph>",
    );
    const rows = await database.db
      .select({ userId: docUpdates.userId })
      .from(docUpdates)
      .where(eq(docUpdates.docName, f.section.id))
      .orderBy(asc(docUpdates.id));
    expect(rows.at(-1)?.userId).toBe(editor.id);
    const page = await sectionThreads(services(), editor, f.section.id, emptyQuery);
    expect(page.threads[0]).toMatchObject({ status: "accepted", decidedBy: editor.name });
    const [note] = await database.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, f.members.contributor.id));
    expect(note?.kind).toBe("suggestion_accepted");
  });

  it("shows the current passage instead of overwriting one that changed meanwhile", async () => {
    const f = await setup();
    const threadId = await createThread(
      services(),
      f.members.contributor,
      threadInput(f, "suggestion"),
    );
    await collab.editDocument(f.section.id, f.members.editor.id, (doc) => {
      const text = (doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(TEXT.indexOf(PASSAGE) + "digitale".length, " und technische");
    });
    const result = await decideSuggestion(services(), f.members.editor, {
      threadId,
      decision: "accept",
    });
    expect(result).toEqual({
      ok: false,
      reason: "changed",
      current: "digitale und technische Souveränität",
    });
    expect(await storedText(f.section.id)).toContain("digitale und technische Souveränität");
    await decideSuggestion(services(), f.members.editor, {
      threadId,
      decision: "accept",
      force: true,
    });
    expect(await storedText(f.section.id)).toBe(
      "<paragraph>Wir stärken die digitale Unabhängigkeit der Stadt.</paragraph>",
    );
  });

  it("rejecting needs a reason and leaves the text alone", async () => {
    const f = await setup();
    const threadId = await createThread(
      services(),
      f.members.contributor,
      threadInput(f, "suggestion"),
    );
    const noReason = await expectDomainError(
      decideSuggestion(services(), f.members.editor, {
        threadId,
        decision: "reject",
      }),
      "invalid",
      "invalid",
    );
    expect(noReason.fieldErrors).toEqual({ reason: "form.required" });
    await decideSuggestion(services(), f.members.editor, {
      threadId,
      decision: "reject",
      reason: "Begriff ist im Rat eingeführt.",
    });
    expect(await storedText(f.section.id)).toBe(`<paragraph>${TEXT}</paragraph>`);
  });
});

describe("comments: lists, counts, mentions", () => {
  it("counts open threads per section, filters the moderators' list and notifies mentions", async () => {
    const f = await setup();
    const first = await createThread(services(), f.members.contributor, {
      ...threadInput(f),
      body: `Was meint @${f.members.editor.name} dazu?`,
    });
    await createThread(services(), f.members.editor, threadInput(f, "suggestion"));
    await setThreadResolved(services(), f.members.editor, {
      threadId: first,
      resolved: true,
    });
    expect(await openThreadCounts(services(), f.consultation.id)).toEqual({
      [f.section.id]: 1,
    });
    expect(await unreadNotificationCount(services(), f.members.editor)).toBe(1);
    const list = await consultationThreads(services(), f.members.moderator, f.consultation.id, {
      ...emptyQuery,
      status: "open",
    });
    expect(list.threads.map((t) => t.kind)).toEqual(["suggestion"]);
    const byOrg = await consultationThreads(services(), f.members.moderator, f.consultation.id, {
      ...emptyQuery,
      organisation: f.members.contributor.organisationId,
    });
    expect(byOrg.threads.map((t) => t.id)).toEqual([first]);
    expect(
      await reason(
        consultationThreads(services(), f.members.editor, f.consultation.id, emptyQuery),
      ),
    ).toBe("forbidden:role");
  });
});
