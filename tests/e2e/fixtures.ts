/**
 * The `test` and `expect` every spec imports: Playwright's, plus a guard that fails a test when
 * any page it opened logs a console error or throws an uncaught exception (`pageerror`). Pages
 * of the default `page`/`context` fixtures and of contexts the test makes with
 * `browser.newContext()` are all watched.
 *
 * A test that provokes an error on purpose (a 403 it checks for, say) lets exactly that through
 * with `consoleErrors.allow(/pattern/)`.
 */
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

export { expect };
export type { Browser, BrowserContext, Page } from "@playwright/test";

/**
 * Chromium logs every 4xx answer as "Failed to load resource". A React Router data request
 * (`….data`, with or without a query such as `?index`) that answers 4xx is how a form action reports refused input (400), a conflict (409)
 * or a wrong password (401); the page handles it, the specs assert on what it shows. 5xx
 * answers and every other error still fail the test.
 */
const HANDLED_DATA_RESPONSE =
  /^console error: Failed to load resource: the server responded with a status of 4\d\d .*\.data(\?[^ ]*)?:\d+\)$/;

/**
 * The same message for a page the browser navigated to that answered 4xx (a 403 or 404 page a
 * test opens on purpose): the app shows its own error page, which the specs check.
 */
const CLIENT_ERROR_LOAD =
  /^console error: Failed to load resource: the server responded with a status of 4\d\d .*\((.*):\d+\)$/;

export class ConsoleErrors {
  private readonly watched = new WeakSet<BrowserContext>();
  private readonly allowed: RegExp[] = [];
  /** Pages (documents) that answered 4xx. */
  private readonly errorPages = new Set<string>();
  readonly messages: string[] = [];

  /** Lets errors matching `pattern` through for the rest of this test. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  watch(context: BrowserContext): void {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    context.on("console", (message) => {
      if (message.type() !== "error") return;
      const { url, lineNumber } = message.location();
      this.messages.push(`console error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
    });
    context.on("response", (response) => {
      const status = response.status();
      if (response.request().resourceType() === "document" && status >= 400 && status < 500) {
        this.errorPages.add(response.url());
      }
    });
    context.on("weberror", (webError) => {
      const error = webError.error();
      this.messages.push(`pageerror: ${error.stack ?? error.message}`);
    });
  }

  unexpected(): string[] {
    return this.messages.filter(
      (m) =>
        !HANDLED_DATA_RESPONSE.test(m) &&
        !this.errorPages.has(CLIENT_ERROR_LOAD.exec(m)?.[1] ?? "") &&
        !this.allowed.some((pattern) => pattern.test(m)),
    );
  }
}

/** Watches every context made through `browser.newContext()` while the test runs. */
function watchNewContexts(browser: Browser, errors: ConsoleErrors): () => void {
  const newContext = browser.newContext;
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await newContext.apply(browser, args);
    errors.watch(context);
    return context;
  };
  return () => {
    browser.newContext = newContext;
  };
}

// The fixture callbacks name their second parameter `provide`, not `use`: the React hooks lint
// rule takes `use(...)` for React's hook.
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ browser }, provide) => {
      const errors = new ConsoleErrors();
      const unwatch = watchNewContexts(browser, errors);
      try {
        await provide(errors);
      } finally {
        unwatch();
      }
      expect(errors.unexpected(), "the browser logged errors during the test").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, consoleErrors }, provide) => {
    consoleErrors.watch(context);
    await provide(context);
  },
});
