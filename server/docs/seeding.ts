import { eq } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { sections } from "#db/schema/index.ts";
import { parseStarterText } from "#common/blocks.ts";
import { blocksToUpdate } from "./content.ts";
import type { DocStorage, LogEntry, StoredDoc } from "./storage.ts";

/**
 * Storage that gives a section's document its starter text the first time it is loaded: when
 * nothing is stored yet, the seed update is appended (durably) before the room sees it, so the
 * first client never observes an empty document that later fills.
 */
export class SeedingStorage implements DocStorage {
  constructor(
    private readonly inner: DocStorage,
    private readonly db: Database,
  ) {}

  async load(docName: string): Promise<StoredDoc> {
    const stored = await this.inner.load(docName);
    if (stored.updates.length > 0) return stored;
    const [section] = await this.db
      .select({ initialContent: sections.initialContent })
      .from(sections)
      .where(eq(sections.id, docName));
    if (!section || section.initialContent.trim() === "") return stored;
    const update = blocksToUpdate(parseStarterText(section.initialContent));
    const lastId = await this.inner.append(docName, [{ update, userId: null }]);
    return { updates: [update], lastId, rowCount: 1 };
  }

  append(docName: string, entries: LogEntry[]): Promise<number> {
    return this.inner.append(docName, entries);
  }

  compact(docName: string, state: Uint8Array, upToId: number): Promise<void> {
    return this.inner.compact(docName, state, upToId);
  }

  state(docName: string): Promise<string> {
    return this.inner.state(docName);
  }

  states(docNames: string[]): Promise<Map<string, string>> {
    return this.inner.states(docNames);
  }
}
