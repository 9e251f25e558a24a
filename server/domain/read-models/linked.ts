import type { Database } from "#db/client.ts";

/**
 * Loads the linked rows of one kind for the given owners: each result names its owner in
 * `ownerId`, in the order the links should be listed (e.g. an `inArray(link.ownerColumn, ids)`
 * query over a link table joined to what it points at, with its `orderBy`).
 */
export type LinkLoader<T extends { ownerId: string }> = (
  db: Database,
  ids: string[],
) => Promise<T[]>;

/** The linked rows a loader gives each owner, without the `ownerId` they were grouped by. */
type Linked<L> = L extends LinkLoader<infer T> ? Omit<T, "ownerId">[] : never;

/**
 * Rows plus their linked rows: runs every link loader once for all rows (one query per kind of
 * link, however many rows), groups what they return by owner and adds it to each row under the
 * loader's name, in the loader's order. Rows without links get empty lists.
 */
export async function withLinks<
  Row extends { id: string },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Loaders extends Record<string, LinkLoader<any>>,
>(
  db: Database,
  rows: Row[],
  loaders: Loaders,
): Promise<(Row & { [K in keyof Loaders]: Linked<Loaders[K]> })[]> {
  const names = Object.keys(loaders) as (keyof Loaders & string)[];
  const ids = rows.map((row) => row.id);
  const results =
    ids.length === 0
      ? names.map(() => [])
      : await Promise.all(names.map((name) => loaders[name]!(db, ids)));
  const grouped = names.map((_, index) => {
    const byOwner = new Map<string, object[]>();
    for (const { ownerId, ...linked } of results[index] as { ownerId: string }[]) {
      const list = byOwner.get(ownerId);
      if (list) list.push(linked);
      else byOwner.set(ownerId, [linked]);
    }
    return byOwner;
  });
  return rows.map((row) => {
    const links = Object.fromEntries(
      names.map((name, index) => [name, grouped[index]!.get(row.id) ?? []]),
    );
    return { ...row, ...links } as Row & { [K in keyof Loaders]: Linked<Loaders[K]> };
  });
}
