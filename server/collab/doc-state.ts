import * as Y from "yjs";

/**
 * Whether applying `update` to `doc` could change it: the update holds structs the document
 * lacks or deletes something not yet deleted. Every client answers the server's sync step 1 with
 * a step 2, read-only ones too, and that step 2 usually brings nothing new (but always the
 * client's whole delete set). Throws when the update cannot be decoded.
 */
export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  const store = doc.store;
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(store, struct.id.client)) return true;
  }
  for (const [client, ranges] of ds.clients) {
    const known = store.clients.get(client);
    for (const { clock, len } of ranges) {
      if (!known || clock + len > Y.getState(store, client)) return true;
      for (let i = Y.findIndexSS(known, clock); i < known.length; i++) {
        const struct = known[i];
        if (struct.id.clock >= clock + len) break;
        if (!struct.deleted) return true;
      }
    }
  }
  return false;
}

/** Bytes of updates Yjs keeps pending because they depend on structs the document lacks. */
export function pendingBytes(doc: Y.Doc): number {
  const store = doc.store;
  return (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0);
}
