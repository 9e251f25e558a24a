import type { ConsultationEvent } from "#server/events.ts";
import { consultationAccess, requirePermission } from "./access.ts";
import { DomainError } from "./errors.ts";
import { draftExistenceVisible } from "./positions/visibility.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

/**
 * What a subscriber's live stream does with an event: pass it on, leave it out, or end because
 * the subscriber may no longer view the consultation (removed from it or from the organisation
 * its membership acts for).
 */
export type LiveEventDecision = "deliver" | "skip" | "end";

/**
 * Decides one event for one subscriber on the subscriber's access as it is now (not as it was
 * when the stream opened): an event about a draft reaches only those who may know the draft
 * exists (its organisation and moderators); observers and other organisations never get it.
 */
export async function liveEventDecision(
  { db }: Services,
  user: User,
  event: ConsultationEvent,
): Promise<LiveEventDecision> {
  let access;
  try {
    access = await consultationAccess(db, user, event.consultationId);
    requirePermission(access, "consultation.view");
  } catch (error) {
    if (
      error instanceof DomainError &&
      (error.kind === "not_found" || error.kind === "forbidden")
    ) {
      return "end";
    }
    throw error;
  }
  if (event.draftOf !== undefined && !draftExistenceVisible(access, event.draftOf)) return "skip";
  return "deliver";
}
