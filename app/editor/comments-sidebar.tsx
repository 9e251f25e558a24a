/**
 * The comments UI's public entry point, kept so existing imports stay valid; each component
 * lives in its own module under ./comments/.
 */
export { CommentsSidebar } from "./comments/sidebar.tsx";
export { ThreadCard } from "./comments/thread-card.tsx";
export { ThreadFilters } from "./comments/thread-filters.tsx";
export { type ThreadActionResult } from "./comments/thread-actions.ts";
