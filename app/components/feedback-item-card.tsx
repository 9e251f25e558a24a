import { Form, Link } from "react-router";
import {
  DispositionFields,
  type DispositionDefaults,
  type DispositionOptions,
} from "#app/components/disposition-fields.tsx";
import {
  dispositionCategoryLabel,
  dispositionStateLabel,
  feedbackKindLabel,
} from "#app/components/consolidation.tsx";
import { useT } from "#app/i18n/react.tsx";
import { dispositionState } from "#common/dispositions.ts";
import type { QueueItem } from "#server/domain/consolidation.ts";

/** Longer contents show this many characters and the rest behind "read more". */
const EXCERPT = 180;

/**
 * One item of the Abwägung queue, compact so that a long queue stays scannable: a summary line
 * (selection box, kind, title, state), one line of who and where, the content (long ones
 * folded), and beside it the item's own disposition form.
 */
export function FeedbackItemCard({
  item,
  index,
  options,
  typed,
}: {
  item: QueueItem;
  index: number;
  options: DispositionOptions;
  /** What was typed into this item's form when saving it was refused. */
  typed?: DispositionDefaults;
}) {
  const t = useT();
  const state = dispositionState(item);
  const headingId = `item-${index}-title`;
  const defaults = typed ?? {
    category: item.disposition?.category ?? "",
    justification: item.disposition?.justification ?? "",
    links: item.disposition?.links.map((l) => `${l.type}:${l.target}`) ?? [],
  };
  return (
    <li className={`card feedback-item state-${state}`} aria-labelledby={headingId}>
      <div className="feedback-summary">
        <div className="feedback-item-head">
          <input
            type="checkbox"
            name="items"
            value={item.key}
            form="group-form"
            id={`select-${index}`}
            aria-label={t("consolidation.select", { title: item.title })}
          />
          <h3 id={headingId}>
            <span className="badge">{t(feedbackKindLabel(item.kind))}</span> {item.title}
          </h3>
          <span className={`badge state-badge state-${state}`}>
            {t(dispositionStateLabel(state))}
          </span>
        </div>
        <p className="meta">
          {item.organisation || t("consolidation.noOrganisation")}
          {item.author ? ` · ${item.author}` : ""}
          {item.disposition ? ` · ${t(dispositionCategoryLabel(item.disposition.category))}` : ""}
          {" · "}
          <Link to={item.href}>{t("consolidation.open")}</Link>
        </p>
        <FeedbackContent content={item.content} />
        {item.disposition && item.disposition.itemKeys.length > 1 ? (
          <p className="hint">
            {t("consolidation.sharedWith", { count: item.disposition.itemKeys.length - 1 })}
          </p>
        ) : null}
      </div>
      <Form method="post" className="disposition-form" aria-label={t("consolidation.disposition")}>
        <input type="hidden" name="intent" value="dispose" />
        <input type="hidden" name="items" value={item.key} />
        <DispositionFields idPrefix={`item-${index}`} options={options} defaults={defaults} />
        <button type="submit" className="button small">
          {t("consolidation.save")}
        </button>
      </Form>
    </li>
  );
}

function FeedbackContent({ content }: { content: string }) {
  const t = useT();
  if (!content) return null;
  if (content.length <= EXCERPT) return <p className="feedback-content">{content}</p>;
  return (
    <details className="feedback-content">
      <summary>
        <span className="excerpt">{content.slice(0, EXCERPT).trimEnd()} … </span>(
        {t("consolidation.readMore")})
      </summary>
      <p>{content}</p>
    </details>
  );
}
