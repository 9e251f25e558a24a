import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  comments,
  commentThreads,
  measures,
  organisations,
  requirements,
  sections,
  sectionSearchBlocks,
  users,
} from "#db/schema/index.ts";
import type { ThreadKind } from "#common/vocabularies.ts";
import type { Services } from "#server/services.ts";
import { pageAccess, requirePermission, type Viewer } from "../access.ts";
import { refreshSectionTexts } from "./section-text.ts";
import { SNIPPET_OPTIONS, snippetRuns, WHOLE_OPTIONS, type SnippetRun } from "./snippets.ts";

/**
 * Search across a consultation (issue 12, ADR 016): sections' text, comments and suggested
 * wording, requirements and measures, with PostgreSQL full-text search in its `german`
 * configuration (stemming: „Schulen“ finds „Schule“), ranked by `ts_rank`, with `ts_headline`
 * snippets. The user's words only ever reach SQL as a bound parameter of
 * `websearch_to_tsquery`, which accepts any input.
 *
 * Visibility follows the pages that show each kind: sections' text and comments need
 * `section.view` (the section page shows both), requirements and measures `consultation.view`
 * (their lists); deleted comments are shown to nobody, so their (emptied) text is never searched.
 * Positions are not searched: their drafts are visible to their organisation only.
 */

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

/** Hits shown per kind; the count says how many there are in all. */
export const HITS_PER_KIND = 20;

export interface SectionHit {
  sectionId: string;
  position: number;
  title: SnippetRun[];
  /** The top-level block of the section's text the words were found in; null for the title. */
  block: number | null;
  snippet: SnippetRun[];
}

export interface CommentHit {
  threadId: string;
  threadKind: ThreadKind;
  /** True when the words were found in a suggestion's proposed wording, not in a comment. */
  proposal: boolean;
  sectionId: string;
  sectionPosition: number;
  sectionTitle: string;
  author: string | null;
  organisation: string | null;
  snippet: SnippetRun[];
}

export interface RequirementHit {
  id: string;
  title: SnippetRun[];
  organisation: string;
  snippet: SnippetRun[];
}

export interface MeasureHit {
  id: string;
  code: string;
  title: SnippetRun[];
  snippet: SnippetRun[];
}

export interface HitGroup<T> {
  hits: T[];
  /** All hits of this kind, of which `hits` are the best ranked. */
  total: number;
}

export type SearchResult =
  | { state: "empty"; q: string }
  | { state: "too_long"; q: string; max: number }
  | { state: "no_terms"; q: string }
  | {
      state: "done";
      q: string;
      total: number;
      sections: HitGroup<SectionHit>;
      comments: HitGroup<CommentHit>;
      requirements: HitGroup<RequirementHit>;
      measures: HitGroup<MeasureHit>;
    };

const none = <T>(): HitGroup<T> => ({ hits: [], total: 0 });

/** `websearch_to_tsquery` of the user's words: quotes, "or" and "-" work as on web search engines. */
const tsQuery = (q: string) => sql`websearch_to_tsquery('german', ${q})`;
const headline = (text: SQL | SQL.Aliased | unknown, query: SQL, options: string) =>
  sql<string>`ts_headline('german', ${text}, ${query}, ${options})`;
const totalOver = sql<number>`count(*) over ()`.mapWith(Number);

/** Sections whose title or text holds the words: title hits first, then blocks by rank. */
async function searchSections(
  db: Database,
  consultationId: string,
  query: SQL,
): Promise<HitGroup<SectionHit>> {
  const titleWords = sql`to_tsvector('german', ${sections.title})`;
  const [titles, blocks] = await Promise.all([
    db
      .select({
        sectionId: sections.id,
        position: sections.position,
        title: headline(sections.title, query, WHOLE_OPTIONS),
        total: totalOver,
      })
      .from(sections)
      .where(and(eq(sections.consultationId, consultationId), sql`${titleWords} @@ ${query}`))
      .orderBy(asc(sections.position))
      .limit(HITS_PER_KIND),
    db
      .select({
        sectionId: sections.id,
        position: sections.position,
        title: sections.title,
        block: sectionSearchBlocks.block,
        snippet: headline(sectionSearchBlocks.text, query, SNIPPET_OPTIONS),
        total: totalOver,
      })
      .from(sectionSearchBlocks)
      .innerJoin(sections, eq(sections.id, sectionSearchBlocks.sectionId))
      .where(
        and(
          eq(sections.consultationId, consultationId),
          sql`${sectionSearchBlocks.words} @@ ${query}`,
        ),
      )
      .orderBy(
        desc(sql`ts_rank(${sectionSearchBlocks.words}, ${query})`),
        asc(sections.position),
        asc(sectionSearchBlocks.block),
      )
      .limit(HITS_PER_KIND),
  ]);
  const hits: SectionHit[] = [
    ...titles.map((r) => ({
      sectionId: r.sectionId,
      position: r.position,
      title: snippetRuns(r.title),
      block: null,
      snippet: [],
    })),
    ...blocks.map((r) => ({
      sectionId: r.sectionId,
      position: r.position,
      title: [{ text: r.title, hit: false }],
      block: r.block,
      snippet: snippetRuns(r.snippet),
    })),
  ];
  return {
    hits: hits.slice(0, HITS_PER_KIND),
    total: (titles[0]?.total ?? 0) + (blocks[0]?.total ?? 0),
  };
}

/** Comments (not deleted) and suggestions' proposed wording, by rank. */
async function searchComments(
  db: Database,
  consultationId: string,
  query: SQL,
): Promise<HitGroup<CommentHit>> {
  const thread = {
    threadId: commentThreads.id,
    threadKind: commentThreads.kind,
    sectionId: sections.id,
    sectionPosition: sections.position,
    sectionTitle: sections.title,
    author: users.name,
    organisation: organisations.name,
    total: totalOver,
  };
  const bodyWords = sql`to_tsvector('german', ${comments.body})`;
  const proposalWords = sql`to_tsvector('german', coalesce(${commentThreads.proposedText}, ''))`;
  const [commentRows, proposalRows] = await Promise.all([
    db
      .select({
        ...thread,
        snippet: headline(comments.body, query, SNIPPET_OPTIONS),
        rank: sql<number>`ts_rank(${bodyWords}, ${query})`.mapWith(Number),
      })
      .from(comments)
      .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
      .innerJoin(sections, eq(sections.id, commentThreads.sectionId))
      .leftJoin(users, eq(users.id, comments.authorId))
      .leftJoin(organisations, eq(organisations.id, comments.organisationId))
      .where(
        and(
          eq(commentThreads.consultationId, consultationId),
          // A deleted comment is shown to nobody (its text is emptied; the audit log keeps it).
          isNull(comments.deletedAt),
          sql`${bodyWords} @@ ${query}`,
        ),
      )
      .orderBy(desc(sql`ts_rank(${bodyWords}, ${query})`), asc(comments.createdAt))
      .limit(HITS_PER_KIND),
    db
      .select({
        ...thread,
        snippet: headline(commentThreads.proposedText, query, SNIPPET_OPTIONS),
        rank: sql<number>`ts_rank(${proposalWords}, ${query})`.mapWith(Number),
      })
      .from(commentThreads)
      .innerJoin(sections, eq(sections.id, commentThreads.sectionId))
      .leftJoin(users, eq(users.id, commentThreads.authorId))
      .leftJoin(organisations, eq(organisations.id, commentThreads.organisationId))
      .where(
        and(
          eq(commentThreads.consultationId, consultationId),
          eq(commentThreads.kind, "suggestion"),
          sql`${proposalWords} @@ ${query}`,
        ),
      )
      .orderBy(desc(sql`ts_rank(${proposalWords}, ${query})`), asc(commentThreads.createdAt))
      .limit(HITS_PER_KIND),
  ]);
  const hit = (proposal: boolean) => (r: (typeof commentRows)[number]) => ({
    ...r,
    proposal,
    snippet: snippetRuns(r.snippet),
  });
  const hits = [...commentRows.map(hit(false)), ...proposalRows.map(hit(true))]
    .sort((a, b) => b.rank - a.rank)
    .slice(0, HITS_PER_KIND)
    .map(({ rank: _rank, total: _total, ...rest }): CommentHit => rest);
  return { hits, total: (commentRows[0]?.total ?? 0) + (proposalRows[0]?.total ?? 0) };
}

/** Requirements by title (weighted higher) and description. */
async function searchRequirements(
  db: Database,
  consultationId: string,
  query: SQL,
): Promise<HitGroup<RequirementHit>> {
  const words = sql`setweight(to_tsvector('german', ${requirements.title}), 'A') || setweight(to_tsvector('german', ${requirements.description}), 'B')`;
  const rows = await db
    .select({
      id: requirements.id,
      title: headline(requirements.title, query, WHOLE_OPTIONS),
      organisation: organisations.name,
      snippet: headline(requirements.description, query, SNIPPET_OPTIONS),
      total: totalOver,
    })
    .from(requirements)
    .innerJoin(organisations, eq(organisations.id, requirements.organisationId))
    .where(and(eq(requirements.consultationId, consultationId), sql`${words} @@ ${query}`))
    .orderBy(desc(sql`ts_rank(${words}, ${query})`), asc(requirements.createdAt))
    .limit(HITS_PER_KIND);
  return {
    hits: rows.map((r) => ({
      id: r.id,
      title: snippetRuns(r.title),
      organisation: r.organisation,
      snippet: snippetRuns(r.snippet),
    })),
    total: rows[0]?.total ?? 0,
  };
}

/** Measures by code and title (weighted higher), description and funding programme. */
async function searchMeasures(
  db: Database,
  consultationId: string,
  query: SQL,
): Promise<HitGroup<MeasureHit>> {
  const words = sql`setweight(to_tsvector('german', ${measures.code} || ' ' || ${measures.title}), 'A') || setweight(to_tsvector('german', ${measures.description}), 'B') || setweight(to_tsvector('german', ${measures.fundingProgramme}), 'C')`;
  const rows = await db
    .select({
      id: measures.id,
      code: measures.code,
      title: headline(measures.title, query, WHOLE_OPTIONS),
      snippet: headline(
        sql`${measures.description} || E'\n' || ${measures.fundingProgramme}`,
        query,
        SNIPPET_OPTIONS,
      ),
      total: totalOver,
    })
    .from(measures)
    .where(and(eq(measures.consultationId, consultationId), sql`${words} @@ ${query}`))
    .orderBy(desc(sql`ts_rank(${words}, ${query})`), asc(measures.code))
    .limit(HITS_PER_KIND);
  return {
    hits: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: snippetRuns(r.title),
      snippet: snippetRuns(r.snippet),
    })),
    total: rows[0]?.total ?? 0,
  };
}

/** The query as the search page takes it from `?q=`: trimmed, inner white space as one space. */
export function parseSearchQuery(params: URLSearchParams): string {
  return (params.get("q") ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Searches a consultation for the viewer: not_found for non-members (as every page of it). An
 * empty query, one longer than MAX_QUERY_LENGTH and one of stop words only ("und die") are
 * answered without searching.
 */
export async function searchConsultation(
  services: Services,
  viewer: Viewer,
  consultationId: string,
  q: string,
  now = services.clock.now(),
): Promise<SearchResult> {
  const { db } = services;
  const access = await pageAccess(db, viewer, consultationId, now);
  requirePermission(access, "consultation.view");
  if (q === "") return { state: "empty", q };
  if ([...q].length > MAX_QUERY_LENGTH) return { state: "too_long", q, max: MAX_QUERY_LENGTH };
  const query = tsQuery(q);
  const [terms] = await db
    .select({ nodes: sql<number>`numnode(${query})`.mapWith(Number) })
    .from(sql`(select 1) as one`);
  if (!terms || terms.nodes === 0) return { state: "no_terms", q };

  const sectionsVisible = access.can("section.view");
  if (sectionsVisible) await refreshSectionTexts(services, consultationId);
  const [sectionHits, commentHits, requirementHits, measureHits] = await Promise.all([
    sectionsVisible ? searchSections(db, consultationId, query) : none<SectionHit>(),
    sectionsVisible ? searchComments(db, consultationId, query) : none<CommentHit>(),
    searchRequirements(db, consultationId, query),
    searchMeasures(db, consultationId, query),
  ]);
  return {
    state: "done",
    q,
    total: sectionHits.total + commentHits.total + requirementHits.total + measureHits.total,
    sections: sectionHits,
    comments: commentHits,
    requirements: requirementHits,
    measures: measureHits,
  };
}
