import type { Message } from "./message.ts";
import type { searchDe } from "./search.de.ts";

/** English texts of the search across a consultation (spread into en.ts). */
export const searchEn: Record<keyof typeof searchDe, Message> = {
  "search.title": "Search",
  "search.intro":
    "Searches the text of the sections, comments and suggested changes, requirements and measures of this consultation. German word forms are found together (for example „Schule“ also finds „Schulen“).",
  "search.landmark": "Search in this consultation",
  "search.field": "Search term",
  "search.fieldShort": "Search this consultation",
  "search.hint":
    'Several words must all occur. "Quotes" search for a phrase, "or" for either alternative, a leading minus excludes a word. At most {max} characters.',
  "search.submit": "Search",
  "search.empty": "Enter a search term to search this consultation.",
  "search.tooLong":
    "The search term is too long: at most {max} characters, {length} were entered. Please shorten it.",
  "search.noTerms":
    "The search term consists only of filler words such as „und“ or „die“. Please enter a meaningful word.",
  "search.none": 'No results for "{q}".',
  "search.summary": {
    one: '{count} result for "{q}".',
    other: '{count} results for "{q}".',
  },
  "search.group.sections": "Sections",
  "search.group.comments": "Comments",
  "search.group.requirements": "Requirements",
  "search.group.measures": "Measures",
  "search.groupCount": { one: "{count} result", other: "{count} results" },
  "search.groupNone": "No results in this area.",
  "search.more": "The {shown} best of {count} results are shown. Refine the search to see others.",
  "search.inTitle": "Found in the section's title",
  "search.inText": "Found in the section's text",
  "search.comment": "Comment by {author}",
  "search.proposal": "Suggested change by {author}",
  "search.unknownAuthor": "unknown",
  "search.inSection": "on section {section}",
  "search.by": "by {organisation}",
  "search.passageShown": "The passage found by the search is marked in the text.",
  "search.headingsNav": "Result areas",
};
