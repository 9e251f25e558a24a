import { expect, test } from "./fixtures.ts";
import { CLOSE_SESSION_ENDED } from "#common/collab-protocol.ts";
import { login, openDemoConsultation } from "./helpers.ts";

/**
 * Issue 11 item 1: one module graph, no global bus. Logging out runs the logout route's action,
 * whose use case publishes the ended session on `services.events`; the subscriber that closes the
 * session's collaboration sockets is registered by server/app.ts at start-up. The socket closes
 * only if both hold the same bus, which nothing but the services object carries.
 */
test("an event published by a use case called from a route reaches the subscriber registered at start-up", async ({
  page,
}) => {
  await login(page, "editor");
  await openDemoConsultation(page);
  await page.locator("main a[href*='/s/']").first().click();
  await expect(page).toHaveURL(/\/c\/[^/]+\/s\/[^/?]+/);
  const sectionId = new URL(page.url()).pathname.split("/s/")[1]!;
  // A page without the editor: only this test's socket is open on the section.
  await page.goto("/");

  const closeCode = await page.evaluate(async (room) => {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${window.location.host}/collab/${room}`);
    socket.binaryType = "arraybuffer";
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const closed = new Promise<number>((resolve) => (socket.onclose = (e) => resolve(e.code)));
    const response = await fetch("/logout", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    });
    if (response.type !== "opaqueredirect" && !response.ok) return -response.status;
    return Promise.race([
      closed,
      new Promise<number>((resolve) => setTimeout(() => resolve(0), 10_000)),
    ]);
  }, sectionId);

  expect(closeCode).toBe(CLOSE_SESSION_ENDED);
});
