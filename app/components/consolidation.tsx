import type { MessageKey } from "#common/i18n/index.ts";
import type { DispositionCategory, DispositionState, FeedbackKind } from "#common/vocabularies.ts";

export const feedbackKindLabel = (kind: FeedbackKind): MessageKey => `feedbackKind.${kind}`;
export const dispositionCategoryLabel = (category: DispositionCategory): MessageKey =>
  `dispositionCategory.${category}`;
export const dispositionStateLabel = (state: DispositionState): MessageKey =>
  `dispositionState.${state}`;
