import type { FeedbackKind } from "#common/vocabularies.ts";

/** One piece of feedback the moderators must answer, whatever table it comes from. */
export interface FeedbackItem {
  kind: FeedbackKind;
  sourceId: string;
  /** "kind:sourceId", the item's key in forms and URLs. */
  key: string;
  title: string;
  content: string;
  organisationId: string | null;
  organisation: string;
  author: string | null;
  sectionIds: string[];
  measureIds: string[];
  createdAt: Date;
  /** Where the item can be read in the app. */
  href: string;
}

/** An item's key in forms, URLs and the dispositions' item list. */
export const itemKey = (kind: FeedbackKind, sourceId: string) => `${kind}:${sourceId}`;
