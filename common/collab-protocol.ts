/**
 * Wire format of the collaboration socket: the y-websocket protocol plus two Ratschlag message
 * types. Every frame is binary and starts with a varuint message type. Shared with the browser
 * provider, so this module imports nothing from the server.
 *
 * Standard y-websocket types (payload as in y-protocols):
 *   0 sync            varuint sub-type (0 step 1, 1 step 2, 2 update) + varUint8Array
 *   1 awareness       varUint8Array (awareness update)
 *   2 auth            never sent by this server; a client sending it is closed as malformed
 *   3 query awareness no payload
 *
 * Ratschlag types (server → client only; a client sending them is closed as malformed). They are
 * sent only to a client that asks for them with the query parameter `ext=ratschlag.1` on the
 * socket URL (EXTENSIONS_PARAM = EXTENSIONS_VERSION; the editor does). A stock y-websocket client
 * (1.x, 2.x, 3.x) does not, and sees only the standard protocol: it edits with the same
 * authorization and durability, but learns neither confirmations nor access changes (a write it
 * sends while read-only is dropped, as for every client).
 *   100 stored  varuint `seq`: every write frame this connection sent with a sequence number
 *               ≤ seq is applied to the document and durable in the database (or changed
 *               nothing). The client numbers its write frames itself: the n-th frame it sends on
 *               a socket with type 0 and sync sub-type 1 (step 2) or 2 (update) has seq n,
 *               starting at 1 on every new socket. Sent after each group commit that contained
 *               the connection's writes; seq only grows. A write that was dropped (sent while
 *               read-only) or that Yjs keeps pending (its dependencies are missing) holds the
 *               confirmations back until the server has the content: it then sends a sync
 *               step 1, the client answers with step 2, and once that is stored its seq is
 *               confirmed (ADR 013). A read-only connection's write that would change
 *               nothing (its sync step 2 answer, usually) is not a dropped write and is
 *               confirmed like any other.
 *   101 access  varuint 1 when the connection may edit, 0 when it is read-only, optionally
 *               followed by a varuint reason (ACCESS_REASON_*); sent once right after the
 *               initial sync step 1, whenever a permission change flips it, and with reason
 *               "write dropped" when a write arrived while the connection was read-only.
 *
 * The encoders below are the one place frames are built: the server, the tests, the fault suite
 * and the benchmarks all use them (lib0 encoding, as y-protocols does).
 */

import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_STORED = 100;
export const MESSAGE_ACCESS = 101;

/** The query parameter (and its value) with which a client asks for the Ratschlag types. */
export const EXTENSIONS_PARAM = "ext";
export const EXTENSIONS_VERSION = "ratschlag.1";

/** Reasons carried by an access message. */
export const ACCESS_REASON_NONE = 0;
/** A write frame arrived while the connection was read-only and was not stored. */
export const ACCESS_REASON_WRITE_DROPPED = 1;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/**
 * Close codes. The y-websocket client does not reconnect after 4400–4499 (the server decided
 * and retrying cannot help); every other code makes it reconnect with backoff.
 */
export const CLOSE_SERVER_RESTART = 1012;
export const CLOSE_INTERNAL_ERROR = 1011;
/** A frame larger than the frame limit (sent by `ws` itself). */
export const CLOSE_FRAME_TOO_LARGE = 1009;
/** Undecodable frame, unknown message type or invalid Yjs update. */
export const CLOSE_MALFORMED = 4400;
/** The session expired, was revoked or the account was disabled: sign in again. */
export const CLOSE_SESSION_ENDED = 4401;
/** The user may no longer view this section. */
export const CLOSE_FORBIDDEN = 4403;
/** The document would grow beyond the document size limit. */
export const CLOSE_DOCUMENT_TOO_LARGE = 4413;
/** The connection sent more frames (or awareness bytes) than the rate limit allows. */
export const CLOSE_RATE_LIMITED = 4429;
/**
 * Yjs failed while applying an update: the server dropped the document from memory and reloads it
 * from storage. The client reconnects (outside 4400–4499) and sends what the server lacks.
 */
export const CLOSE_DOCUMENT_RESET = 4500;

/** A sync message: sub-type (SYNC_STEP_1, SYNC_STEP_2 or SYNC_UPDATE) and its payload. */
export function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, subType);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** An awareness message carrying an awareness update (y-protocols format). */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Encodes a "stored" confirmation for the write frames up to `seq`. */
export function encodeStored(seq: number): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE_STORED);
    encoding.writeVarUint(e, seq);
  });
}

/** The seq of a "stored" confirmation, or null when `frame` is another message. */
export function decodeStored(frame: Uint8Array): number | null {
  if (frame[0] !== MESSAGE_STORED) return null;
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  return decoding.readVarUint(decoder);
}

/** Encodes an "access" message: whether the connection may edit, and why it changed. */
export function encodeAccess(canEdit: boolean, reason = ACCESS_REASON_NONE): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MESSAGE_ACCESS);
    encoding.writeVarUint(e, canEdit ? 1 : 0);
    if (reason !== ACCESS_REASON_NONE) encoding.writeVarUint(e, reason);
  });
}

/** True for a client frame the server counts as a write (sync step 2 or update). */
export function isWriteFrame(frame: Uint8Array): boolean {
  return frame[0] === MESSAGE_SYNC && (frame[1] === SYNC_STEP_2 || frame[1] === SYNC_UPDATE);
}
