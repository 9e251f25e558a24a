import type { MessageKey, Translate } from "./i18n/index.ts";

/**
 * A readable audit entry: a catalogue sentence (`audit.sentence.<action>`, with plural forms by
 * `count`) whose `{placeholders}` are filled by parts: names (links when the object can be
 * opened), catalogue words (a category, a phase) or lists of these. The server describes, the
 * page and the CSV export render with the reader's language.
 */
export type SentencePart =
  { text: string; href?: string } | { key: MessageKey } | { list: SentencePart[] };

export interface AuditSentence {
  key: MessageKey;
  count?: number;
  params: Record<string, SentencePart>;
}

/** A piece of rendered text; `href` when it links to the object it names. */
export interface Segment {
  text: string;
  href?: string;
}

function partSegments(t: Translate, part: SentencePart): Segment[] {
  if ("key" in part) return [{ text: t(part.key) }];
  if ("list" in part) {
    return part.list.flatMap((p, i) =>
      i ? [{ text: ", " }, ...partSegments(t, p)] : partSegments(t, p),
    );
  }
  return [part.href ? { text: part.text, href: part.href } : { text: part.text }];
}

/** The sentence as text and link segments in the reader's language. */
export function sentenceSegments(t: Translate, sentence: AuditSentence): Segment[] {
  const template = t(
    sentence.key,
    sentence.count === undefined ? undefined : { count: sentence.count },
  );
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const part = sentence.params[match[1]];
    if (!part) continue;
    if (match.index > last) segments.push({ text: template.slice(last, match.index) });
    segments.push(...partSegments(t, part));
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ text: template.slice(last) });
  return segments;
}

/** The sentence as plain text (CSV export). */
export function sentenceText(t: Translate, sentence: AuditSentence): string {
  return sentenceSegments(t, sentence)
    .map((s) => s.text)
    .join("");
}
