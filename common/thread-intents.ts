/**
 * The section page's form intents that belong to comments (handled in
 * app/routes/section-threads.server.ts); the browser uses it to tell their answers apart.
 */
export const THREAD_INTENTS: ReadonlySet<string> = new Set([
  "createThread",
  "reply",
  "editComment",
  "deleteComment",
  "resolve",
  "reopen",
  "decide",
]);
