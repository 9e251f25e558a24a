import { getSchema } from "@tiptap/core";
import * as Y from "yjs";
import { FRAGMENT, schemaExtensions } from "#common/editor-schema.ts";

/**
 * What a client update may contain, checked before it is applied, stored or broadcast.
 *
 * Guarantees: an update that passes creates only the root types named in `roots`, only XML
 * elements whose node names the editor's schema defines, no element nested deeper than
 * `maxDepth` below its root, and at most `maxNodesPerUpdate` new types. Content whose parent is
 * not yet known (a missing dependency: Yjs keeps it pending) is checked as far as the update
 * itself tells; the room never confirms pending content (see room.ts).
 */
export interface DocSchema {
  /** Root type names and what they hold: XML (the editor's fragment) or plain rich text. */
  roots: Readonly<Record<string, "xml" | "text">>;
  /** Node names allowed for XML elements. */
  nodeNames: ReadonlySet<string>;
  maxDepth: number;
  maxNodesPerUpdate: number;
}

/**
 * The section editor's schema: one XmlFragment of the Tiptap nodes. `textRoots` adds plain Y.Text
 * roots for the benchmarks and tests that drive plain-text clients; the app passes none.
 */
export function editorSchema(options: { textRoots?: string[] } = {}): DocSchema {
  const nodes = Object.keys(getSchema(schemaExtensions()).nodes);
  const roots: Record<string, "xml" | "text"> = { [FRAGMENT]: "xml" };
  for (const name of options.textRoots ?? []) roots[name] = "text";
  return {
    roots,
    // `doc` is the fragment itself and `text` is stored as XmlText, never as an element.
    nodeNames: new Set(nodes.filter((name) => name !== "doc" && name !== "text")),
    maxDepth: 32,
    maxNodesPerUpdate: 50_000,
  };
}

/** Where an item lives: the type that holds it, and the map key when it is an attribute. */
type Parent =
  | { kind: "root"; name: string; depth: 0; sub: string | null }
  | { kind: "element"; name: string; depth: number; sub: string | null }
  | { kind: "xmltext"; depth: number; sub: string | null }
  /** The parent is missing (Yjs keeps the item pending) or was deleted (Yjs drops the item). */
  | { kind: "unknown"; depth: number; sub: string | null }
  | { kind: "invalid"; reason: string };

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Checks a v1 update against the schema and the document it will be applied to. Returns null
 * when it is acceptable, else a short reason for the log. Throws when the update cannot be
 * decoded.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, schema: DocSchema): string | null {
  const { structs } = Y.decodeUpdate(update);
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const resolver = new ParentResolver(doc, schema, byClient);
  let nodes = 0;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.content instanceof Y.ContentType && ++nodes > schema.maxNodesPerUpdate) {
      return `more than ${schema.maxNodesPerUpdate} nodes in one update`;
    }
    const parent = resolver.parentOf(struct);
    const problem = checkItem(struct, parent, schema);
    if (problem) return problem;
  }
  return null;
}

function checkItem(item: Y.Item, parent: Parent, schema: DocSchema): string | null {
  const content = item.content;
  if (parent.kind === "invalid") return parent.reason;
  if (content instanceof Y.ContentDeleted) return null;
  if (parent.kind === "root" && !(parent.name in schema.roots)) {
    return `root type "${parent.name}" is not part of the document schema`;
  }
  const rootKind = parent.kind === "root" ? schema.roots[parent.name] : null;
  if (parent.sub !== null) {
    // Attributes: element attributes (heading level, link target …) are plain values.
    if (parent.kind === "element" || parent.kind === "xmltext" || parent.kind === "unknown") {
      return content instanceof Y.ContentAny || content instanceof Y.ContentString
        ? null
        : `attribute "${parent.sub}" holds ${content.constructor.name}`;
    }
    return "map entry on a root type";
  }
  const holdsText = parent.kind === "xmltext" || rootKind === "text";
  const holdsNodes = parent.kind === "element" || rootKind === "xml";
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) {
      if (!schema.nodeNames.has(type.nodeName)) return `node "${type.nodeName}" is not allowed`;
      if (parent.depth + 1 > schema.maxDepth) return `nesting deeper than ${schema.maxDepth}`;
    } else if (!(type instanceof Y.XmlText)) {
      return `${type.constructor.name} is not allowed in a section`;
    }
    return holdsNodes || parent.kind === "unknown" ? null : "node inside text";
  }
  if (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentFormat ||
    content instanceof Y.ContentEmbed
  ) {
    return holdsText || parent.kind === "unknown" ? null : "text outside a text node";
  }
  return `${content.constructor.name} is not allowed in a section`;
}

/** Finds the parent type of update items without recursion (updates can nest very deeply). */
class ParentResolver {
  private readonly parents = new Map<Y.Item, Parent>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly schema: DocSchema,
    private readonly byClient: Map<number, Struct[]>,
  ) {}

  parentOf(item: Y.Item): Parent {
    const stack: Y.Item[] = [item];
    const onStack = new Set<Y.Item>([item]);
    while (stack.length > 0) {
      const current = stack[stack.length - 1];
      if (this.parents.has(current)) {
        stack.pop();
        onStack.delete(current);
        continue;
      }
      const step = this.step(current);
      if (step instanceof Y.Item) {
        if (onStack.has(step)) {
          this.parents.set(current, { kind: "invalid", reason: "cyclic parent references" });
          continue;
        }
        stack.push(step);
        onStack.add(step);
        continue;
      }
      this.parents.set(current, step);
      stack.pop();
      onStack.delete(current);
    }
    return this.parents.get(item)!;
  }

  /** The parent of `item`, or another update item whose parent must be known first. */
  private step(item: Y.Item): Parent | Y.Item {
    const parent = item.parent as unknown as Y.ID | string | null;
    if (typeof parent === "string")
      return { kind: "root", name: parent, depth: 0, sub: item.parentSub };
    if (parent !== null) {
      const holder = this.inUpdate(parent);
      if (holder instanceof Y.Item) {
        const holderParent = this.parents.get(holder);
        if (!holderParent) return holder;
        return typeParent(holder, holderParent, item.parentSub);
      }
      if (holder) return { kind: "unknown", depth: 0, sub: item.parentSub };
      return this.inDocument(parent, item.parentSub);
    }
    // Parent info left out: Yjs takes it from the left (or right) neighbour.
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return { kind: "invalid", reason: "item without parent or neighbour" };
    const found = this.inUpdate(neighbour);
    if (found instanceof Y.Item) {
      const p = this.parents.get(found);
      return p ?? found;
    }
    if (found) return { kind: "unknown", depth: 0, sub: null };
    const stored = this.documentStruct(neighbour);
    if (!(stored instanceof Y.Item)) return { kind: "unknown", depth: 0, sub: null };
    return this.typeOf(stored.parent as Y.AbstractType<unknown> | null, stored.parentSub);
  }

  /** The parent described by an item of the document that holds a type. */
  private inDocument(id: Y.ID, sub: string | null): Parent {
    const stored = this.documentStruct(id);
    if (!stored || !(stored instanceof Y.Item) || stored.deleted) {
      return { kind: "unknown", depth: 0, sub };
    }
    if (!(stored.content instanceof Y.ContentType)) {
      return { kind: "invalid", reason: "parent is not a type" };
    }
    return this.typeOf(stored.content.type, sub);
  }

  private typeOf(type: Y.AbstractType<unknown> | null, sub: string | null): Parent {
    if (!type) return { kind: "unknown", depth: 0, sub };
    let depth = 0;
    let root: Y.AbstractType<unknown> = type;
    while (root._item && depth <= this.schema.maxDepth) {
      depth++;
      root = root._item.parent as Y.AbstractType<unknown>;
    }
    if (type._item === null) {
      for (const [name, shared] of this.doc.share) {
        if (shared === type) return { kind: "root", name, depth: 0, sub };
      }
      return { kind: "invalid", reason: "unknown root type" };
    }
    if (type instanceof Y.XmlElement) return { kind: "element", name: type.nodeName, depth, sub };
    if (type instanceof Y.XmlText) return { kind: "xmltext", depth, sub };
    return { kind: "invalid", reason: `${type.constructor.name} is not allowed in a section` };
  }

  private documentStruct(id: Y.ID): Y.Item | Y.GC | undefined {
    const store = this.doc.store;
    if (Y.getState(store, id.client) <= id.clock) return undefined;
    const structs = store.clients.get(id.client)!;
    return structs[Y.findIndexSS(structs, id.clock)];
  }

  private inUpdate(id: Y.ID): Struct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid];
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }
}

/** The parent for children of `holder`, an update item whose own parent is `holderParent`. */
function typeParent(holder: Y.Item, holderParent: Parent, sub: string | null): Parent {
  if (holderParent.kind === "invalid") return holderParent;
  const content = holder.content;
  if (!(content instanceof Y.ContentType)) {
    return { kind: "invalid", reason: "parent is not a type" };
  }
  const depth = holderParent.depth + 1;
  if (content.type instanceof Y.XmlElement) {
    return { kind: "element", name: content.type.nodeName, depth, sub };
  }
  if (content.type instanceof Y.XmlText) return { kind: "xmltext", depth, sub };
  return {
    kind: "invalid",
    reason: `${content.type.constructor.name} is not allowed in a section`,
  };
}
