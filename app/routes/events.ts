import type { Route } from "./+types/events";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { consultationAccess, requirePermission } from "#server/domain/access.ts";
import { liveEventDecision } from "#server/domain/live-events.ts";
import { isEnded } from "#server/events.ts";
import { requestOf, servicesOf } from "#server/context.ts";

const HEARTBEAT_MS = 25_000;

/** Open streams per user on this node (tabs × consultations); capped by MAX_CONNECTIONS_PER_USER. */
const openStreams = new Map<string, number>();

/**
 * Server-sent events of one consultation for its members. Events name what changed (type and
 * id), never content, and reach only members who may see them at that moment: the page then
 * reloads its data through its loader, which applies the user's permissions. `no-transform` keeps the compression middleware from buffering the stream.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const services = servicesOf(context);
  const { events, config, log } = services;
  const access = await guard(
    consultationAccess(services.db, user, params.consultationId).then((found) => {
      requirePermission(found, "consultation.view");
      return found;
    }),
  );
  const consultationId = access.consultation.id;
  const session = requestOf(context).auth!.session;
  const open = openStreams.get(user.id) ?? 0;
  if (open >= config.maxConnectionsPerUser) {
    log.warn({ userId: user.id, open }, "live-update stream refused: too many streams");
    return new Response("Too many open live-update streams", {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" },
    });
  }
  openStreams.set(user.id, open + 1);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Each event is checked against the user's access as it is now, one after the other so
      // that they keep their order: a removed member's stream ends, drafts reach only those who
      // may know of them. A failed check ends the stream; the client reconnects and reloads.
      let queue = Promise.resolve();
      const unsubscribe = events.subscribe(consultationId, (event) => {
        queue = queue.then(async () => {
          if (closed) return;
          const decision = await liveEventDecision(services, user, event).catch(
            () => "end" as const,
          );
          if (decision === "end") return cleanup();
          if (decision === "deliver") {
            send(
              `event: change\ndata: ${JSON.stringify({ type: event.type, id: event.subjectId })}\n\n`,
            );
          }
        });
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      // Logout, a password reset or a disabled account ends the stream at once.
      const unsubscribeSessions = events.onSessionsEnded((ended) => {
        if (isEnded(ended, session.id, user.id)) cleanup();
      });
      cleanup = () => {
        if (closed) return;
        closed = true;
        const left = (openStreams.get(user.id) ?? 1) - 1;
        if (left > 0) openStreams.set(user.id, left);
        else openStreams.delete(user.id);
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeSessions();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime after the client went away.
        }
      };
      request.signal.addEventListener("abort", () => cleanup(), { once: true });
      // The first bytes make proxies and the browser open the stream right away.
      send("retry: 5000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
