import { isMessageKey, type MessageKey } from "#common/i18n/index.ts";
import type { AuditSentence, SentencePart } from "#common/audit-sentence.ts";

/** One stored entry, as far as the describer reads it. */
export interface DescribedEntry {
  action: string;
  targetType: string;
  targetId: string | null;
  actor: string | null;
  actorLabel: string | null;
  organisation: string | null;
  details: Record<string, unknown>;
}

/**
 * The objects entries name, looked up for a page of entries: a part with the object's name,
 * linked when it still exists and the reader may open it; undefined when it is gone.
 */
export interface AuditLookup {
  section(id: unknown): SentencePart | undefined;
  measure(id: unknown): SentencePart | undefined;
  measureByCode(code: unknown): SentencePart | undefined;
  thread(id: unknown): SentencePart | undefined;
  requirement(id: unknown): SentencePart | undefined;
  version(id: unknown): SentencePart | undefined;
  user(id: unknown): SentencePart | undefined;
  organisation(id: unknown): SentencePart | undefined;
}

type Builder = (
  entry: DescribedEntry,
  find: AuditLookup,
) => { params?: Record<string, SentencePart>; count?: number };

const GONE: SentencePart = { key: "audit.gone" };

const text = (value: unknown): SentencePart | undefined =>
  typeof value === "string" && value !== "" ? { text: value } : undefined;

/** A catalogue word for a stored value ("phase.consolidation"), else the value is not shown. */
const word = (prefix: string, value: unknown): SentencePart => {
  const key = `${prefix}.${String(value)}`;
  return isMessageKey(key) ? { key } : GONE;
};

const quoted = (value: unknown): SentencePart | undefined => {
  if (typeof value !== "string" || value === "") return undefined;
  return { text: `„${value.length > 60 ? `${value.slice(0, 60).trimEnd()} …` : value}“` };
};

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};

const section = (e: DescribedEntry, f: AuditLookup) => ({
  section: f.section(e.targetId) ?? text(record(e.details).title) ?? GONE,
});
const measure = (e: DescribedEntry, f: AuditLookup) => ({
  measure: f.measure(e.targetId) ?? text(e.details.code) ?? GONE,
});
const positionMeasure = (e: DescribedEntry, f: AuditLookup) => ({
  measure: f.measureByCode(e.details.measure) ?? text(e.details.measure) ?? GONE,
});
const thread = (e: DescribedEntry, f: AuditLookup) => ({
  thread: f.thread(e.targetId) ?? quoted(e.details.quote) ?? GONE,
});
const replyThread = (e: DescribedEntry, f: AuditLookup) => ({
  thread: f.thread(e.details.threadId) ?? GONE,
});
const user = (e: DescribedEntry, f: AuditLookup) => ({
  user: f.user(e.targetId) ?? text(e.details.email) ?? GONE,
});
const requirement = (e: DescribedEntry, f: AuditLookup) => ({
  requirement: f.requirement(e.targetId) ?? text(e.details.title) ?? GONE,
});

/** Field names of a measure's change list, as the measure form labels them. */
const MEASURE_FIELD: Record<string, MessageKey> = {
  leadOrganisation: "measure.lead",
  costOneOffCents: "measure.costOneOff",
  costYearlyCents: "measure.costYearly",
};
const measureField = (field: unknown): SentencePart | undefined => {
  const key = MEASURE_FIELD[String(field)] ?? `measure.${String(field)}`;
  return isMessageKey(key) ? { key } : undefined;
};

const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/**
 * Every action code the application writes (server/**: `audit(…, { action })`) and how its entry
 * reads; the sentence is the catalogue's `audit.sentence.<code>` with `{actor}` and these params.
 * tests/audit-log.test.ts fails when a code is written without an entry here.
 */
export const AUDIT_SENTENCES: Record<string, Builder> = {
  "demo.seeded": () => ({}),
  "consultation.created": (e) => ({ params: { title: text(e.details.title) ?? GONE } }),
  "consultation.updated": () => ({}),
  "consultation.phase_changed": (e) => ({
    params: { from: word("phase", e.details.from), to: word("phase", e.details.to) },
  }),
  "member.added": (e, f) => ({
    params: {
      ...user(e, f),
      role: word("role", e.details.role),
      organisation: f.organisation(e.details.organisationId) ?? GONE,
    },
  }),
  "member.role_changed": (e, f) => ({
    params: { ...user(e, f), from: word("role", e.details.from), to: word("role", e.details.to) },
  }),
  "member.removed": (e, f) => ({ params: user(e, f) }),
  "section.created": (e, f) => ({ params: section(e, f) }),
  "section.updated": (e, f) => ({ params: section(e, f) }),
  "section.moved": (e, f) => ({ params: section(e, f) }),
  "section.locked": (e, f) => ({ params: section(e, f) }),
  "section.unlocked": (e, f) => ({ params: section(e, f) }),
  "section.edit_granted": (e, f) => ({
    params: { ...section(e, f), organisation: f.organisation(e.details.organisationId) ?? GONE },
  }),
  "section.edit_revoked": (e, f) => ({
    params: { ...section(e, f), organisation: f.organisation(e.details.organisationId) ?? GONE },
  }),
  "comment_thread.created": (e, f) => ({
    params: { ...thread(e, f), section: f.section(e.details.sectionId) ?? GONE },
  }),
  "suggestion.created": (e, f) => ({
    params: { ...thread(e, f), section: f.section(e.details.sectionId) ?? GONE },
  }),
  "comment_thread.resolved": (e, f) => ({ params: thread(e, f) }),
  "comment_thread.reopened": (e, f) => ({ params: thread(e, f) }),
  "suggestion.accepted": (e, f) => ({ params: thread(e, f) }),
  "suggestion.rejected": (e, f) => ({ params: thread(e, f) }),
  "comment.created": (e, f) => ({ params: replyThread(e, f) }),
  "comment.edited": (e, f) => ({ params: replyThread(e, f) }),
  "comment.deleted": (e, f) => ({ params: replyThread(e, f) }),
  "measure.created": (e, f) => ({ params: measure(e, f) }),
  "measure.updated": (e, f) => {
    const fields = (Array.isArray(e.details.fields) ? e.details.fields : [])
      .map(measureField)
      .filter((p): p is SentencePart => p !== undefined);
    return { params: { ...measure(e, f), fields: fields.length ? { list: fields } : GONE } };
  },
  "measure.archived": (e, f) => ({ params: measure(e, f) }),
  "measure.restored": (e, f) => ({ params: measure(e, f) }),
  // A deleted measure is gone: its code and title are in the entry.
  "measure.deleted": (e) => ({
    params: { measure: text([e.details.code, e.details.title].filter(Boolean).join(" ")) ?? GONE },
  }),
  "position.drafted": (e, f) => ({ params: positionMeasure(e, f) }),
  "position.released": (e, f) => ({ params: positionMeasure(e, f) }),
  "requirement.submitted": (e, f) => ({ params: requirement(e, f) }),
  "requirement.status_changed": (e, f) => ({
    params: {
      ...requirement(e, f),
      from: word("requirementStatus", e.details.from),
      to: word("requirementStatus", e.details.to),
    },
  }),
  "disposition.set": (e) => ({
    count: count(e.details.items),
    params: { category: word("dispositionCategory", e.details.category) },
  }),
  "disposition.published": (e) => ({ count: count(e.details.dispositions) }),
  "version.frozen": (e, f) => ({
    params: { version: f.version(e.targetId) ?? text(e.details.name) ?? GONE },
  }),
  "auth.login": () => ({}),
  "auth.logout": () => ({}),
  "auth.login_failed": (e, f) => ({ params: user(e, f) }),
  "auth.login_throttled": (e, f) => ({ params: user(e, f) }),
  "admin.user_created": (e, f) => ({ params: user(e, f) }),
  "admin.user_disabled": (e, f) => ({ params: user(e, f) }),
  "admin.user_enabled": (e, f) => ({ params: user(e, f) }),
  "admin.password_set": (e, f) => ({ params: user(e, f) }),
  "admin.membership_set": (e, f) => ({
    params: { ...user(e, f), organisation: f.organisation(e.details.organisationId) ?? GONE },
  }),
  "admin.membership_removed": (e, f) => ({
    params: { ...user(e, f), organisation: f.organisation(e.details.organisationId) ?? GONE },
  }),
  "admin.user_updated": (e, f) => ({ params: user(e, f) }),
  "admin.organisation_updated": (e, f) => ({
    params: { organisation: f.organisation(e.targetId) ?? GONE },
  }),
  "admin.organisation_created": (e, f) => ({
    params: { organisation: f.organisation(e.targetId) ?? text(e.details.name) ?? GONE },
  }),
};

/** Who acted: the person's name and organisation, the stored label, or the system. */
export function actorPart(entry: DescribedEntry): SentencePart {
  const name =
    entry.actor ??
    (entry.actorLabel && !["system", "cli"].includes(entry.actorLabel) ? entry.actorLabel : null);
  if (!name) return { key: "audit.system" };
  return { text: entry.organisation ? `${name} (${entry.organisation})` : name };
}

/** The entry as a sentence; an action code without a sentence reads as a generic change. */
export function describeEntry(entry: DescribedEntry, find: AuditLookup): AuditSentence {
  const build = Object.hasOwn(AUDIT_SENTENCES, entry.action)
    ? AUDIT_SENTENCES[entry.action]
    : undefined;
  const key = `audit.sentence.${entry.action}`;
  const actor = actorPart(entry);
  if (!build || !isMessageKey(key)) {
    return { key: "audit.sentence.unknown", params: { actor } };
  }
  const { params = {}, count } = build(entry, find);
  return { key, count, params: { ...params, actor } };
}
