import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** The identity the server writes into every awareness state of a connection. */
export interface AwarenessUser {
  name: string;
  organisation: string | null;
  colour: string;
}

/**
 * Caret and selection colours. Each has a contrast ratio of at least 4.5:1 against white
 * (WCAG 2.x relative luminance; checked in tests/collab/awareness.test.ts), so both a caret on
 * a white page and white label text on the colour stay legible (the requirement is 3:1).
 */
export const PALETTE = [
  "#1d4ed8", // blue
  "#b91c1c", // red
  "#047857", // green
  "#7c3aed", // violet
  "#c2410c", // orange
  "#0e7490", // cyan
  "#be185d", // pink
  "#4d7c0f", // olive
  "#a16207", // ochre
  "#475569", // slate
] as const;

/**
 * Picks a colour for a user: the user's stable palette entry unless someone else present
 * already has it, then the first free entry; reuses the palette once all are taken.
 */
export function pickColour(userId: string, taken: ReadonlySet<string>): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const preferred = PALETTE[hash % PALETTE.length];
  if (!taken.has(preferred)) return preferred;
  return PALETTE.find((c) => !taken.has(c)) ?? preferred;
}

/** One entry of an awareness update; `state` null means "remove this client". */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Decodes an awareness update strictly; throws on anything a well-behaved client never sends. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== "object" || Array.isArray(state))) {
      throw new Error("awareness state is not an object");
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  if (decoding.hasContent(decoder)) throw new Error("trailing bytes after awareness update");
  return entries;
}

/** Encodes entries in the y-protocols awareness update format. */
export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** Who may change which awareness client id; the room keeps one per document. */
export class AwarenessOwnership<Owner> {
  private readonly owners = new Map<number, Owner>();

  /**
   * Returns the entries `owner` may apply, with `user` replaced by the server's identity, and
   * the client ids it tried to change but may not. An id becomes the owner's when it first
   * sends a state for it (up to `maxPerOwner`); ids owned by another connection and reserved
   * ids (the room's own, other nodes' clients) stay untouchable.
   */
  filter(
    owner: Owner,
    entries: AwarenessEntry[],
    user: AwarenessUser,
    isReserved: (clientId: number) => boolean,
    maxPerOwner: number,
  ): { accepted: AwarenessEntry[]; rejected: number[] } {
    const accepted: AwarenessEntry[] = [];
    const rejected: number[] = [];
    for (const entry of entries) {
      const current = this.owners.get(entry.clientId);
      if (current === undefined) {
        if (entry.state === null) continue; // removing an unknown client changes nothing
        if (isReserved(entry.clientId) || this.ownedBy(owner).length >= maxPerOwner) {
          rejected.push(entry.clientId);
          continue;
        }
        this.owners.set(entry.clientId, owner);
      } else if (current !== owner) {
        rejected.push(entry.clientId);
        continue;
      }
      accepted.push({
        clientId: entry.clientId,
        clock: entry.clock,
        state: entry.state === null ? null : { ...entry.state, user },
      });
    }
    return { accepted, rejected };
  }

  /** The client ids this owner introduced. */
  ownedBy(owner: Owner): number[] {
    return [...this.owners].filter(([, o]) => o === owner).map(([id]) => id);
  }

  /** Forgets the owner's ids (after its states were removed). */
  release(owner: Owner): void {
    for (const id of this.ownedBy(owner)) this.owners.delete(id);
  }
}
