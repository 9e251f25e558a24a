import { Link } from "react-router";
import type { RequirementPriority, RequirementStatus } from "#common/vocabularies.ts";
import { useT } from "#app/i18n/react.tsx";
import { requirementPriorityLabel, requirementStatusLabel } from "./measures.tsx";

/** "Anforderungen und Maßnahmen": what names this section, shown below the section text. */
export function SectionLinks({
  consultationId,
  links,
}: {
  consultationId: string;
  links: {
    measures: { id: string; code: string; title: string }[];
    requirements: {
      id: string;
      title: string;
      organisation: string;
      priority: RequirementPriority;
      status: RequirementStatus;
    }[];
  };
}) {
  const t = useT();
  const base = `/c/${consultationId}`;
  return (
    <section aria-labelledby="section-links-heading" className="panel section-links">
      <h2 id="section-links-heading">{t("sectionLinks.title")}</h2>
      <h3>{t("sectionLinks.measures")}</h3>
      {links.measures.length === 0 ? (
        <p>{t("sectionLinks.none")}</p>
      ) : (
        <ul>
          {links.measures.map((m) => (
            <li key={m.id}>
              <Link to={`${base}/measures/${m.id}`}>
                {m.code} {m.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("sectionLinks.requirements")}</h3>
      {links.requirements.length === 0 ? (
        <p>{t("sectionLinks.none")}</p>
      ) : (
        <ul>
          {links.requirements.map((r) => (
            <li key={r.id}>
              <Link to={`${base}/requirements#requirement-${r.id}`}>{r.title}</Link> —{" "}
              {r.organisation}, {t(requirementPriorityLabel(r.priority))},{" "}
              {t(requirementStatusLabel(r.status))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
