import type { Message } from "./message.ts";
import type { auditDe } from "./audit.de.ts";

/** English texts of the readable audit log and the compact Abwägung queue (spread into en.ts). */
export const auditEn: Record<keyof typeof auditDe, Message> = {
  "consolidation.linksChosen": "{count} selected",
  "consolidation.linksChooseHint":
    "Tick the sections, measures or suggested changes that follow from the disposition.",
  "consolidation.readMore": "read more",
};
