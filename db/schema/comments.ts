import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { consultations, sections } from "./consultations.ts";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";
import { threadKinds, threadStatuses, notificationKinds } from "#common/vocabularies.ts";

export const threadKind = pgEnum("thread_kind", threadKinds);

export const threadStatus = pgEnum("thread_status", threadStatuses);

export const notificationKind = pgEnum("notification_kind", notificationKinds);

/**
 * A discussion anchored to a passage of a section (ADR 011). The anchor is a pair of encoded Yjs
 * relative positions into the section's Y.XmlFragment, so it follows the passage through edits
 * without the thread ever writing into the document.
 */
export const commentThreads = pgTable(
  "comment_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    kind: threadKind("kind").notNull(),
    /** Base64 of Y.encodeRelativePosition for the passage's first character. */
    anchorStart: text("anchor_start").notNull(),
    /** Base64 of Y.encodeRelativePosition just after the passage's last character. */
    anchorEnd: text("anchor_end").notNull(),
    /** The passage's text when the thread was opened; shown when the passage is gone. */
    quote: text("quote").notNull(),
    /** Replacement wording (suggestions only). */
    proposedText: text("proposed_text"),
    status: threadStatus("status").notNull().default("open"),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("comment_threads_section_idx").on(t.sectionId, t.status),
    index("comment_threads_consultation_idx").on(t.consultationId, t.createdAt),
  ],
);

/** One message of a thread; the first is the thread's opening comment. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => commentThreads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    /** Emptied when deleted; the audit log keeps what was said. */
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("comments_thread_idx").on(t.threadId, t.createdAt)],
);

/** An in-app notification about a thread (the bell). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => commentThreads.id, { onDelete: "cascade" }),
    /** Who caused it. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt)],
);
