import { Link } from "react-router";
import { sentenceSegments, type AuditSentence } from "#common/audit-sentence.ts";
import { useT } from "#app/i18n/react.tsx";

/** An audit entry's sentence in the reader's language, with links to the objects it names. */
export function AuditSentenceText({ sentence }: { sentence: AuditSentence }) {
  const t = useT();
  return (
    <>
      {sentenceSegments(t, sentence).map((segment, i) =>
        segment.href ? (
          <Link key={i} to={segment.href}>
            {segment.text}
          </Link>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
