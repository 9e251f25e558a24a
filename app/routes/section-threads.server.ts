import type { RouterContextProvider } from "react-router";
import * as z from "zod";
import { isMessageKey } from "#common/i18n/index.ts";
import { field, handler, refuse } from "#app/lib/actions.server.ts";
import type { SessionUser } from "#server/auth/session.ts";
import {
  createThread,
  deleteComment,
  editComment,
  replyToThread,
  setThreadResolved,
} from "#server/domain/threads.ts";
import { decideSuggestion } from "#server/domain/suggestions.ts";
import { requestOf, servicesOf } from "#server/context.ts";

/**
 * The section page's comment intents (the keys of THREAD_INTENTS), for its formAction. A
 * suggestion whose passage changed comes back as 409 with the current text, so the page can ask
 * before overwriting.
 */
export function threadIntents(
  context: Readonly<RouterContextProvider>,
  user: SessionUser,
  sectionId: string,
) {
  const services = () => servicesOf(context);
  const ip = () => requestOf(context).ip;
  const setResolved = (resolved: boolean) =>
    handler({
      schema: z.object({ threadId: field.raw() }),
      run: async ({ threadId }) => {
        await setThreadResolved(services(), user, { threadId, resolved, ip: ip() });
      },
    });
  return {
    createThread: handler({
      schema: z.object({
        kind: field.raw(),
        anchorStart: field.raw(),
        anchorEnd: field.raw(),
        quote: field.raw(),
        body: field.raw(),
        proposedText: field.raw(),
      }),
      run: async (input) => {
        await createThread(services(), user, { ...input, sectionId, ip: ip() });
      },
    }),
    reply: handler({
      schema: z.object({ threadId: field.raw(), body: field.raw() }),
      run: async (input) => {
        await replyToThread(services(), user, { ...input, ip: ip() });
      },
    }),
    editComment: handler({
      schema: z.object({ commentId: field.raw(), body: field.raw() }),
      run: async (input) => {
        await editComment(services(), user, { ...input, ip: ip() });
      },
    }),
    deleteComment: handler({
      schema: z.object({ commentId: field.raw() }),
      run: async (input) => {
        await deleteComment(services(), user, { ...input, ip: ip() });
      },
    }),
    resolve: setResolved(true),
    reopen: setResolved(false),
    decide: handler({
      schema: z.object({
        threadId: field.raw(),
        decision: field.raw(),
        reason: field.raw(),
        force: field.raw(),
      }),
      run: async ({ force, ...input }) => {
        const decision = await decideSuggestion(services(), user, {
          ...input,
          force: force === "1",
          ip: ip(),
        });
        if (decision.ok) return;
        const formError = `comments.error.${decision.reason}`;
        return refuse(409, {
          formError: isMessageKey(formError) ? formError : undefined,
          extra: { current: decision.reason === "changed" ? decision.current : undefined },
        });
      },
    }),
  };
}
