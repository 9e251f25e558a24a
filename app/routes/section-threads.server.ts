import { data, type RouterContextProvider } from "react-router";
import { THREAD_INTENTS } from "#app/editor/comments-sidebar.tsx";
import { runFormAction, type LegacyActionResult as ActionResult } from "#app/lib/actions.server.ts";
import type { SessionUser } from "#server/auth/session.ts";
import {
  createThread,
  decideSuggestion,
  deleteComment,
  editComment,
  replyToThread,
  setThreadResolved,
  type DecisionResult,
} from "#server/domain/comments.ts";
import { requestOf, servicesOf } from "#server/context.ts";

/**
 * Runs the section page's comment intents; null for other intents. A suggestion whose passage
 * changed comes back as 409 with the current text, so the page can ask before overwriting.
 */
export async function threadAction(
  context: Readonly<RouterContextProvider>,
  user: SessionUser,
  sectionId: string,
  form: FormData,
) {
  const intent = String(form.get("intent") ?? "");
  if (!THREAD_INTENTS.has(intent)) return null;
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const services = servicesOf(context);
  const ip = requestOf(context).ip;
  let decision: DecisionResult | undefined;
  const result = await runFormAction(form, async () => {
    switch (intent) {
      case "createThread":
        await createThread(services, user, {
          sectionId,
          kind: text("kind"),
          anchorStart: text("anchorStart"),
          anchorEnd: text("anchorEnd"),
          quote: text("quote"),
          body: text("body"),
          proposedText: text("proposedText"),
          ip,
        });
        break;
      case "reply":
        await replyToThread(services, user, { threadId: text("threadId"), body: text("body"), ip });
        break;
      case "editComment":
        await editComment(services, user, { commentId: text("commentId"), body: text("body"), ip });
        break;
      case "deleteComment":
        await deleteComment(services, user, { commentId: text("commentId"), ip });
        break;
      case "resolve":
      case "reopen":
        await setThreadResolved(services, user, {
          threadId: text("threadId"),
          resolved: intent === "resolve",
          ip,
        });
        break;
      case "decide":
        decision = await decideSuggestion(services, user, {
          threadId: text("threadId"),
          decision: text("decision"),
          reason: text("reason"),
          force: text("force") === "1",
          ip,
        });
        break;
    }
  });
  if (decision && !decision.ok) {
    return data<ActionResult & { current?: string }>(
      {
        ok: false,
        errors: {},
        formError: `comments.error.${decision.reason}`,
        values: { threadId: text("threadId") },
        intent,
        current: decision.reason === "changed" ? decision.current : undefined,
      },
      { status: 409 },
    );
  }
  return result;
}
