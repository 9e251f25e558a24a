import type { Message } from "./message.ts";
import type { feedbackUiDe } from "./feedback-ui.de.ts";

/** English texts of confirmation dialogs, success messages and position releasers (spread into en.ts). */
export const feedbackUiEn: Record<keyof typeof feedbackUiDe, Message> = {
  "confirm.cancel": "Cancel",
  "confirm.irreversible": "This cannot be undone.",

  "confirm.deleteComment.title": "Delete comment?",
  "confirm.deleteComment.body":
    "The comment's text is deleted. The thread shows “Comment deleted” in its place.",
  "confirm.deleteComment.submit": "Delete comment",

  "confirm.removeMember.title": "Remove {name} from the consultation?",
  "confirm.removeMember.body":
    "{name} loses access to this consultation. Their contributions are kept. You can add them again later.",
  "confirm.removeMember.submit": "Remove from consultation",

  "confirm.publish.title": "Publish dispositions?",
  "confirm.publish.body": {
    one: "1 disposition becomes visible to everyone taking part in the consultation.",
    other: "{count} dispositions become visible to everyone taking part in the consultation.",
  },
  "confirm.publish.submit": "Publish",

  "confirm.freeze.title": "Freeze version?",
  "confirm.freeze.body":
    "Today's state of all sections, the measures plan, the positions and the disposition table is stored as version “{name}”. A version can be neither changed nor deleted afterwards.",
  "confirm.freeze.submit": "Freeze version",

  "confirm.phase.title": "Change phase?",
  "confirm.phase.body":
    "The consultation moves to the phase “{phase}”. What participants may do follows the new phase at once. You can change the phase again later.",
  "confirm.phase.submit": "Change phase",

  "confirm.lock.title": "Lock section?",
  "confirm.lock.body":
    "Nobody can edit the text of “{title}” until the lock is lifted; whoever is writing now can only read. Comments remain possible.",
  "confirm.lock.submit": "Lock section",

  "confirm.disable.title": "Disable the account of {name}?",
  "confirm.disable.body":
    "{name} can no longer sign in, and all their sessions end. You can enable the account again later.",
  "confirm.disable.submit": "Disable account",

  "done.requirementStatus": "The requirement's status is now “{status}”.",
  "done.versionFrozen": "Version “{name}” stored.",
  "done.versionOpen": "View version “{name}”",
  "done.userCreated": "The account for {name} was created.",
  "done.userDisabled": "The account of {name} was disabled.",
  "done.userEnabled": "The account of {name} was enabled again.",
  "done.passwordSet": "The new password for {name} was stored; all sessions were ended.",
  "done.membershipSaved": "The membership of {name} was saved.",
  "done.membershipRemoved": "The membership of {name} was removed.",
  "done.memberAdded": "{name} was added to the consultation.",
  "done.memberRole": "The role of {name} was changed.",
  "done.memberRemoved": "The person was removed from the consultation.",
  "done.sectionLocked": "The section is locked.",
  "done.sectionUnlocked": "The section's lock is lifted.",
  "done.sectionSaved": "The section was saved.",
  "done.sectionMoved": "The section was moved.",
  "done.grantAdded": "The organisation may now edit the section.",
  "done.grantRevoked": "The organisation may no longer edit the section.",

  "positions.releasers": "Who may release it: {names}",
  "positions.noReleasers":
    "Nobody in {organisation} currently has the right to release positions. The administration can grant it.",
};
