import type { Message } from "./message.ts";
import type { auditDe } from "./audit.de.ts";

/** English texts of the readable audit log and the compact Abwägung queue (spread into en.ts). */
export const auditEn: Record<keyof typeof auditDe, Message> = {
  "consolidation.linksChosen": "{count} selected",
  "consolidation.linksChooseHint":
    "Tick the sections, measures or suggested changes that follow from the disposition.",
  "consolidation.readMore": "read more",

  "audit.entry": "Entry",
  "audit.organisation": "Organisation",
  "audit.kind": "Kind",
  "audit.from": "From (date)",
  "audit.to": "To (date)",
  "audit.all": "all",
  "audit.filter": "Filter",
  "audit.resetFilters": "Reset filters",
  "audit.filters": "Filters",
  "audit.count": {
    one: "{count} entry",
    other: "{count} entries",
  },
  "audit.pageOf": "Page {page} of {pages}",
  "audit.paging": "Pages of the audit log",
  "audit.newer": "Newer entries",
  "audit.csv": "Download as CSV",
  "audit.csvFile": "audit-log.csv",
  "audit.raw": "Stored data",
  "audit.noMatch": "No entries match the filters.",
  "audit.system": "The system",
  "audit.gone": "(no longer there)",

  "audit.kind.sections": "Sections",
  "audit.kind.comments": "Comments and suggested changes",
  "audit.kind.measures": "Measures",
  "audit.kind.positions": "Positions",
  "audit.kind.requirements": "Requirements",
  "audit.kind.consolidation": "Consolidation",
  "audit.kind.versions": "Versions",
  "audit.kind.members": "Members and roles",
  "audit.kind.consultation": "Consultation",
  "audit.kind.accounts": "Accounts and sign-in",
  "audit.kind.other": "Other",

  "audit.sentence.unknown": "{actor} made a change.",
  "audit.sentence.demo.seeded": "{actor} set up the demo consultation with sample data.",
  "audit.sentence.consultation.created": "{actor} created the consultation {title}.",
  "audit.sentence.consultation.updated":
    "{actor} changed the title or the deadlines of the consultation.",
  "audit.sentence.consultation.phase_changed": "{actor} changed the phase from “{from}” to “{to}”.",
  "audit.sentence.member.added":
    "{actor} added {user} to the consultation as “{role}” for {organisation}.",
  "audit.sentence.member.role_changed":
    "{actor} changed the role of {user} from “{from}” to “{to}”.",
  "audit.sentence.member.removed": "{actor} removed {user} from the consultation.",
  "audit.sentence.section.created": "{actor} created the section {section}.",
  "audit.sentence.section.updated": "{actor} changed the details of the section {section}.",
  "audit.sentence.section.moved": "{actor} moved the section {section}.",
  "audit.sentence.section.locked": "{actor} locked the section {section}.",
  "audit.sentence.section.unlocked": "{actor} unlocked the section {section}.",
  "audit.sentence.section.edit_granted":
    "{actor} allowed {organisation} to edit the section {section}.",
  "audit.sentence.section.edit_revoked":
    "{actor} withdrew the right of {organisation} to edit the section {section}.",
  "audit.sentence.comment_thread.created":
    "{actor} started a comment on {thread} in the section {section}.",
  "audit.sentence.suggestion.created":
    "{actor} suggested a change to {thread} in the section {section}.",
  "audit.sentence.comment_thread.resolved": "{actor} resolved the comment on {thread}.",
  "audit.sentence.comment_thread.reopened": "{actor} reopened the comment on {thread}.",
  "audit.sentence.suggestion.accepted": "{actor} accepted the suggested change to {thread}.",
  "audit.sentence.suggestion.rejected": "{actor} rejected the suggested change to {thread}.",
  "audit.sentence.comment.created": "{actor} replied to the comment on {thread}.",
  "audit.sentence.comment.edited": "{actor} edited a reply in the comment on {thread}.",
  "audit.sentence.comment.deleted": "{actor} deleted a reply in the comment on {thread}.",
  "audit.sentence.measure.created": "{actor} created the measure {measure}.",
  "audit.sentence.measure.archived": "{actor} archived the measure {measure}.",
  "audit.sentence.measure.restored": "{actor} restored the measure {measure}.",
  "audit.sentence.measure.deleted": "{actor} deleted the measure {measure}.",
  "audit.sentence.measure.updated": "{actor} changed the measure {measure}: {fields}.",
  "audit.sentence.position.drafted":
    "{actor} saved a draft of the position on the measure {measure}.",
  "audit.sentence.position.released": "{actor} released the position on the measure {measure}.",
  "audit.sentence.requirement.submitted": "{actor} submitted the requirement {requirement}.",
  "audit.sentence.requirement.status_changed":
    "{actor} changed the status of the requirement {requirement} from “{from}” to “{to}”.",
  "audit.sentence.disposition.set": {
    one: "{actor} dispositioned {count} item as “{category}”.",
    other: "{actor} dispositioned {count} items as “{category}”.",
  },
  "audit.sentence.disposition.published": {
    one: "{actor} published {count} disposition.",
    other: "{actor} published {count} dispositions.",
  },
  "audit.sentence.version.frozen": "{actor} froze the version {version}.",
  "audit.sentence.auth.login": "{actor} signed in.",
  "audit.sentence.auth.logout": "{actor} signed out.",
  "audit.sentence.auth.login_failed": "A sign-in as {user} failed.",
  "audit.sentence.auth.login_throttled":
    "Sign-ins as {user} were paused after too many failed attempts.",
  "audit.sentence.admin.user_created": "{actor} created the account of {user}.",
  "audit.sentence.admin.user_updated": "{actor} changed the name or e-mail address of {user}.",
  "audit.sentence.admin.organisation_updated": "{actor} changed the organisation {organisation}.",
  "audit.sentence.admin.user_disabled": "{actor} disabled the account of {user}.",
  "audit.sentence.admin.user_enabled": "{actor} enabled the account of {user}.",
  "audit.sentence.admin.password_set": "{actor} set a new password for {user}.",
  "audit.sentence.admin.membership_set": "{actor} added {user} to the organisation {organisation}.",
  "audit.sentence.admin.membership_removed":
    "{actor} removed {user} from the organisation {organisation}.",
  "audit.sentence.admin.organisation_created": "{actor} created the organisation {organisation}.",
};
