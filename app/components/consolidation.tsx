import type { MessageKey } from "#app/i18n/index.ts";
import type { DispositionCategory, FeedbackKind } from "#db/schema/consolidation.ts";
import type { DispositionState } from "#server/domain/consolidation.ts";

export const feedbackKindLabel = (kind: FeedbackKind): MessageKey => `feedbackKind.${kind}`;
export const dispositionCategoryLabel = (category: DispositionCategory): MessageKey =>
  `dispositionCategory.${category}`;
export const dispositionStateLabel = (state: DispositionState): MessageKey =>
  `dispositionState.${state}`;
