import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { docSnapshots, docUpdates } from "#db/schema/index.ts";
import { foldUpdates, type DocStorage, type LogEntry, type StoredDoc } from "./storage.ts";

/** Stores documents in the doc_snapshots and doc_updates tables (PostgreSQL or PGlite). */
export class PostgresStorage implements DocStorage {
  constructor(private readonly db: Database) {}

  async load(docName: string): Promise<StoredDoc> {
    // Rows first, snapshot second: a compaction committing in between deleted only rows it
    // folded into the snapshot we read afterwards, so nothing falls through the gap. All
    // remaining rows are read (not only id > upToUpdateId) because a row whose transaction
    // committed after a compaction can carry a lower id than the snapshot's mark.
    const rows = await this.db
      .select({ id: docUpdates.id, update: docUpdates.update })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName))
      .orderBy(asc(docUpdates.id));
    const [snapshot] = await this.db
      .select({ state: docSnapshots.state })
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, docName));
    const updates = rows.map((r) => r.update);
    if (snapshot) updates.unshift(snapshot.state);
    return { updates, lastId: rows.at(-1)?.id ?? 0, rowCount: rows.length };
  }

  async append(docName: string, entries: LogEntry[]): Promise<number> {
    const inserted = await this.db
      .insert(docUpdates)
      .values(entries.map((e) => ({ docName, update: e.update, userId: e.userId })))
      .returning({ id: docUpdates.id });
    return Math.max(...inserted.map((r) => r.id));
  }

  async compact(docName: string, state: Uint8Array, upToId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Serialises compactions of one document across nodes; released at commit.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"collab:" + docName}))`);
      const [previous] = await tx
        .select({ state: docSnapshots.state, upTo: docSnapshots.upToUpdateId })
        .from(docSnapshots)
        .where(eq(docSnapshots.docName, docName));
      const rows = await tx
        .select({ id: docUpdates.id, update: docUpdates.update })
        .from(docUpdates)
        .where(and(eq(docUpdates.docName, docName), sql`${docUpdates.id} <= ${upToId}`))
        .orderBy(asc(docUpdates.id));
      const parts = [state, ...rows.map((r) => r.update)];
      if (previous) parts.unshift(previous.state);
      const folded = foldUpdates(parts);
      const upTo = Math.max(upToId, previous?.upTo ?? 0);
      await tx
        .insert(docSnapshots)
        .values({ docName, state: folded, upToUpdateId: upTo })
        .onConflictDoUpdate({
          target: docSnapshots.docName,
          set: { state: folded, upToUpdateId: upTo, updatedAt: new Date() },
        });
      // Delete exactly the rows read: one committed meanwhile with a lower id must survive.
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 5000) {
        await tx.delete(docUpdates).where(inArray(docUpdates.id, ids.slice(i, i + 5000)));
      }
    });
  }

  /**
   * A short marker of what is stored for a document (log rows and snapshot), without reading the
   * updates: it changes whenever a row is appended or a compaction folds rows into the snapshot.
   */
  async state(docName: string): Promise<string> {
    return (await this.states([docName])).get(docName)!;
  }

  /** The markers of several documents in one query (a page showing many sections' threads). */
  async states(docNames: string[]): Promise<Map<string, string>> {
    if (docNames.length === 0) return new Map();
    const names = sql.join(
      docNames.map((name) => sql`${name}`),
      sql`, `,
    );
    const rows = await this.db
      .select({
        name: sql<string>`n.name`,
        rows: sql<number>`(select count(*)::int from ${docUpdates} where ${docUpdates.docName} = n.name)`,
        last: sql<
          string | null
        >`(select max(${docUpdates.id})::text from ${docUpdates} where ${docUpdates.docName} = n.name)`,
        upTo: sql<
          string | null
        >`(select ${docSnapshots.upToUpdateId}::text from ${docSnapshots} where ${docSnapshots.docName} = n.name)`,
        at: sql<
          string | null
        >`(select (extract(epoch from ${docSnapshots.updatedAt}) * 1000)::bigint::text from ${docSnapshots} where ${docSnapshots.docName} = n.name)`,
      })
      .from(sql`unnest(array[${names}]::text[]) as n(name)`);
    return new Map(
      rows.map((r) => [
        r.name,
        [Number(r.rows), r.last ?? 0, r.upTo ?? "-", r.at ?? "-"].join(":"),
      ]),
    );
  }
}
