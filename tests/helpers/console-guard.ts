/**
 * Vitest setup file (vite.config.ts and tests/faults/vitest.config.ts): a test that makes
 * anything call `console.error` fails, with the messages. A test that expects error output says
 * so with `allowConsoleError()` and may assert on what was logged.
 *
 * Output logged outside a test (in beforeAll, say) fails the next test, or the file's last
 * afterAll when no test follows. A plain wrapper rather than `vi.spyOn`, so that a test file's
 * `vi.restoreAllMocks()` cannot switch the guard off.
 */
import { format } from "node:util";
import { afterAll, afterEach } from "vitest";

const original = console.error;
let logged: string[] = [];
let allowed = false;

console.error = (...args: unknown[]) => {
  logged.push(format(...args));
  if (!allowed) original.apply(console, args);
};

export interface AllowedConsoleErrors {
  /** What the current test logged with `console.error` so far. */
  readonly messages: readonly string[];
}

/**
 * Lets the current test call `console.error` (without printing it) and returns what it logs, so
 * the test can assert on it. Applies until the test ends.
 */
export function allowConsoleError(): AllowedConsoleErrors {
  allowed = true;
  return {
    get messages() {
      return [...logged];
    },
  };
}

function check(where: string): void {
  const messages = logged;
  const wasAllowed = allowed;
  logged = [];
  allowed = false;
  if (wasAllowed || messages.length === 0) return;
  throw new Error(
    `console.error was called ${where} (call allowConsoleError() if the test expects it):\n` +
      messages.map((m) => `  - ${m}`).join("\n"),
  );
}

afterEach(() => check("during this test"));
afterAll(() => check("after the last test of this file"));
