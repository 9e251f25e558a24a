/**
 * Live notifications about SQL-backed data of a consultation (released positions, requirements,
 * measure changes). Open pages subscribe through the server-sent-events route and reload their
 * data when something happens; events carry ids only, never content, and each subscriber gets
 * only the events it may see right now, so it learns nothing its next loader call would not show
 * it anyway.
 *
 * The bus sits behind a small interface so that a Redis fan-out between nodes can replace the
 * in-process one without touching publishers or subscribers. It is built once at start-up and
 * reaches use cases as `services.events` (server/services.ts); use cases publish only after the
 * transaction that caused an event has committed.
 */
export type ConsultationEventType =
  | "measure.changed"
  | "position.released"
  | "position.drafted"
  | "requirement.submitted"
  | "requirement.status_changed"
  | "thread.changed";

export interface ConsultationEvent {
  type: ConsultationEventType;
  consultationId: string;
  /** Id of the measure, requirement or comment thread concerned. */
  subjectId: string;
  /**
   * Set on events about an organisation's draft position: its id. Only subscribers who may know
   * that this organisation has a draft receive the event (server/domain/live-events.ts).
   */
  draftOf?: string;
}

export type EventListener = (event: ConsultationEvent) => void;

/** Sessions that ended (logout: one; password reset or disabled account: all of a user's). */
export interface SessionsEnded {
  sessionId?: string;
  userId?: string;
}

export type SessionsEndedListener = (ended: SessionsEnded) => void;

export interface EventBus {
  /** Delivers the event to every current subscriber of its consultation; never throws. */
  publish(event: ConsultationEvent): void;
  /** Registers a listener for one consultation; returns the function that removes it. */
  subscribe(consultationId: string, listener: EventListener): () => void;
  /** Number of listeners of a consultation (for tests and diagnostics). */
  listenerCount(consultationId: string): number;
  /** Tells every node that sessions ended, so their sockets and streams close at once. */
  endSessions(ended: SessionsEnded): void;
  /** Registers a listener for ended sessions; returns the function that removes it. */
  onSessionsEnded(listener: SessionsEndedListener): () => void;
  /** Stops delivering and releases connections (at shutdown). */
  close(): Promise<void>;
}

/** True when a connection opened with `sessionId` by `userId` belongs to the ended sessions. */
export function isEnded(ended: SessionsEnded, sessionId: string, userId: string): boolean {
  if (ended.sessionId === undefined && ended.userId === undefined) return false;
  return (
    (ended.sessionId === undefined || ended.sessionId === sessionId) &&
    (ended.userId === undefined || ended.userId === userId)
  );
}

/** A bus for a single node: listeners live in this process only. */
export function createLocalEventBus(): EventBus {
  const listeners = new Map<string, Set<EventListener>>();
  const sessionListeners = new Set<SessionsEndedListener>();
  return {
    async close() {
      listeners.clear();
      sessionListeners.clear();
    },
    endSessions(ended) {
      for (const listener of sessionListeners) {
        try {
          listener(ended);
        } catch {
          // Same as for consultation events: one failing listener must not stop the others.
        }
      }
    },
    onSessionsEnded(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    publish(event) {
      for (const listener of listeners.get(event.consultationId) ?? []) {
        try {
          listener(event);
        } catch {
          // One broken subscriber (e.g. a closed stream) must not keep the event from the others.
        }
      }
    },
    subscribe(consultationId, listener) {
      let set = listeners.get(consultationId);
      if (!set) {
        set = new Set();
        listeners.set(consultationId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(consultationId) === set)
          listeners.delete(consultationId);
      };
    },
    listenerCount(consultationId) {
      return listeners.get(consultationId)?.size ?? 0;
    },
  };
}
