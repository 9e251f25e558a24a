/** Municipal deadlines are wall-clock times in the city's zone. */
export const TIME_ZONE = "Europe/Berlin";

const PARTS = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function zoneParts(date: Date): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of PARTS.formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts;
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(date: Date): number {
  const p = zoneParts(date);
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) -
    date.getTime() +
    date.getMilliseconds()
  );
}

/**
 * Parses a `datetime-local` value ("2027-03-31T18:00") as Berlin wall-clock time; null when it is
 * not a real date and time.
 */
export function parseLocalDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Two passes settle the offset across a daylight-saving change.
  let instant = asUtc - offsetAt(new Date(asUtc));
  instant = asUtc - offsetAt(new Date(instant));
  return new Date(instant);
}

/** Formats an instant as a `datetime-local` value in Berlin time. */
export function toLocalDateTime(date: Date): string {
  const p = zoneParts(date);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
