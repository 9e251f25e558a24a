import type { Message } from "./message.ts";
import type { layoutDe } from "./layout.de.ts";

/** English texts of the page layout: header menu, grouped consultation navigation, legends (spread into en.ts). */
export const layoutEn: Record<keyof typeof layoutDe, Message> = {
  "layout.menu": "Menu",
  "layout.navCurrent": "Current page: {page}",
  "layout.navGroup.text": "Text",
  "layout.navGroup.measures": "Measures",
  "layout.navGroup.participation": "Participation",
  "layout.navGroup.consolidation": "Consolidation",
  "layout.navGroup.administration": "Administration",
  "layout.filtersActive": { one: "{count} active", other: "{count} active" },
  "layout.legend": "Legend",
  "layout.legendActive": "Measure runs in this quarter",
  "layout.legendPilot": "Pilot project runs in this quarter (hatched)",
  "layout.legendGap": "Measure does not run",
  "layout.funding": "Funding",
  "layout.fundingProgramme": "Programme: {name}",
  "layout.applicationDeadline": "Application deadline: {date}",
  "layout.costs": "Costs",
  "layout.scrollTable": "{name} (table, scrolls sideways)",
};
