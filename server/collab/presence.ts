import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { awarenessFrame } from "#common/collab-protocol.ts";
import {
  AwarenessOwnership,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  pickColour,
  type AwarenessUser,
} from "./awareness.ts";
import { ProtocolViolation, type CollabOptions } from "./limits.ts";
import { CLOSE_DOCUMENT_TOO_LARGE, CLOSE_RATE_LIMITED } from "#common/collab-protocol.ts";

/** What presence needs of a room member. */
export interface PresenceMember {
  readonly userId: string;
  readonly userName: string;
  readonly organisation: string | null;
  send(frame: Uint8Array): void;
}

/** Origin of awareness changes that came from other nodes. */
export const REMOTE_PRESENCE = Symbol("remote presence");
/** Origin of awareness removals when a member's socket closed. */
const MEMBER_LEFT = "connection closed";

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Who is in a room and where their carets are (Yjs awareness), as the server vouches for it.
 *
 * Guarantees:
 * - Every state a member sends carries the name, organisation and colour the server assigned
 *   (`join`), never what the client claimed; one user keeps one colour across tabs.
 * - A member can only set or remove the awareness client ids it owns; ids of other members, of
 *   other nodes' members and the server's own are refused.
 * - A member's states disappear for everyone when it leaves; each change reaches every local
 *   member and, when a local member caused it, the other nodes.
 */
export class RoomPresence<M extends PresenceMember> {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly identities = new Map<M, AwarenessUser>();
  private readonly ownership = new AwarenessOwnership<M>();
  /** Awareness client ids that belong to other nodes' members; local members may not touch them. */
  private readonly remoteClients = new Set<number>();

  constructor(
    doc: Y.Doc,
    private readonly deps: {
      options: Pick<CollabOptions, "maxAwarenessClients" | "maxAwarenessStateBytes">;
      members: () => Iterable<M>;
      isMember: (origin: unknown) => boolean;
      /** Hands a change local members caused to the other nodes. */
      publish: (update: Uint8Array) => void;
    },
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) =>
      this.onChange(change, origin),
    );
  }

  /** Fixes a joining member's identity; the same user keeps the colour of its other tabs. */
  join(member: M): void {
    const sameUser = [...this.identities].find(([m]) => m.userId === member.userId)?.[1];
    const taken = new Set(
      [...this.identities].filter(([m]) => m.userId !== member.userId).map(([, u]) => u.colour),
    );
    const colour = sameUser?.colour ?? pickColour(member.userId, taken);
    this.identities.set(member, {
      name: member.userName,
      organisation: member.organisation,
      colour,
    });
  }

  /** Removes a member's identity and its awareness states. */
  leave(member: M): void {
    this.identities.delete(member);
    const owned = this.ownership.ownedBy(member).filter((id) => this.awareness.getStates().has(id));
    awarenessProtocol.removeAwarenessStates(this.awareness, owned, MEMBER_LEFT);
    this.ownership.release(member);
  }

  /** The colour and name the server shows for a member. */
  identityOf(member: M): AwarenessUser | undefined {
    return this.identities.get(member);
  }

  /** An awareness frame with every current state, or null when there is none. */
  frame(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return null;
    return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /**
   * Applies a member's awareness update after replacing `user` with the server's identity and
   * dropping entries for client ids the member does not own; returns the dropped ids.
   * Throws when the update is malformed, a state is too large or `charge` refuses its bytes.
   */
  apply(member: M, update: Uint8Array, charge: (bytes: number) => boolean): number[] {
    const entries = decodeAwarenessUpdate(update);
    const identity = this.identities.get(member);
    if (!identity) return [];
    const { accepted, rejected } = this.ownership.filter(
      member,
      entries,
      identity,
      (id) => id === this.awareness.clientID || this.remoteClients.has(id),
      this.deps.options.maxAwarenessClients,
    );
    let bytes = 0;
    for (const entry of accepted) {
      const size = entry.state ? JSON.stringify(entry.state).length : 0;
      if (size > this.deps.options.maxAwarenessStateBytes) {
        throw new ProtocolViolation(CLOSE_DOCUMENT_TOO_LARGE, "awareness state too large");
      }
      bytes += size;
    }
    if (!charge(bytes)) throw new ProtocolViolation(CLOSE_RATE_LIMITED, "awareness rate exceeded");
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        encodeAwarenessUpdate(accepted),
        member,
      );
    }
    return rejected;
  }

  /** Applies an awareness update another node published. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE);
  }

  destroy(): void {
    this.identities.clear();
    this.awareness.destroy();
  }

  private onChange(change: AwarenessChange, origin: unknown): void {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    if (origin === REMOTE_PRESENCE)
      for (const id of [...change.added, ...change.updated]) this.remoteClients.add(id);
    for (const id of change.removed) this.remoteClients.delete(id);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    // Echoing to the sender too keeps its "no message for 30 s" watchdog quiet while idle.
    const frame = awarenessFrame(update);
    for (const member of this.deps.members()) member.send(frame);
    // Only what local members caused: timeouts happen on every node by themselves.
    if (this.deps.isMember(origin) || origin === MEMBER_LEFT) this.deps.publish(update);
  }
}
