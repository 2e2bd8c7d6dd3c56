// Effective dates of legal rules, read in the rule's own time zone.
// A rule is in force from `from` (inclusive) until `until` (exclusive); each bound is a local date
// (meaning 00:00 that day) or a local date-time, in an IANA time zone. Orders end at a precise local
// moment (Title 42 ended at 11:59 pm Eastern on 11 May 2023), so the zone matters at the edges.

/** The moment of an encounter: a local calendar date, or an exact instant when the time is known. */
export type EncounterMoment = { kind: "date"; local: string } | { kind: "instant"; ms: number };

/** Reads an encounter's `date` (already validated) as a moment to compare with effective windows. */
export function toEncounterMoment(date: string): EncounterMoment {
  if (date.length === 10) return { kind: "date", local: `${date}T00:00:00` };
  return { kind: "instant", ms: Date.parse(date) };
}

/** An effective window compiled once per pack, so an assessment compares strings or numbers only. */
export interface CompiledWindow {
  fromLocal: string;
  untilLocal: string;
  fromMs: number;
  untilMs: number;
}

/** Compiles local bounds in `zone` into comparable local strings and UTC instants. */
export function compileWindow(
  from: string | undefined,
  until: string | undefined,
  zone: string,
): CompiledWindow {
  const fromLocal = from === undefined ? "" : normaliseLocal(from);
  const untilLocal = until === undefined ? "\uffff" : normaliseLocal(until);
  return {
    fromLocal,
    untilLocal,
    fromMs: from === undefined ? Number.NEGATIVE_INFINITY : zonedLocalToEpochMs(fromLocal, zone),
    untilMs: until === undefined ? Number.POSITIVE_INFINITY : zonedLocalToEpochMs(untilLocal, zone),
  };
}

/**
 * Whether `moment` falls inside `window`. A date without a time is read as 00:00 on that day in the
 * window's zone: the whole of 11 May 2023 counts as before an 11:59 pm cut-off on that day.
 */
export function isInForce(window: CompiledWindow, moment: EncounterMoment): boolean {
  if (moment.kind === "date") return window.fromLocal <= moment.local && moment.local < window.untilLocal;
  return window.fromMs <= moment.ms && moment.ms < window.untilMs;
}

function normaliseLocal(text: string): string {
  if (text.length === 10) return `${text}T00:00:00`;
  if (text.length === 16) return `${text}:00`;
  return text;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockMs(ms: number, zone: string): number {
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const field = (name: string): number => Number(parts[name]);
  return Date.UTC(
    field("year"),
    field("month") - 1,
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
  );
}

/** Converts a local wall-clock time in `zone` to a UTC instant (the earlier one when clocks fall back). */
export function zonedLocalToEpochMs(local: string, zone: string): number {
  const asUtc = Date.parse(`${normaliseLocal(local)}Z`);
  // Two passes settle the zone offset, including on days when daylight saving time changes.
  const firstGuess = asUtc - (wallClockMs(asUtc, zone) - asUtc);
  const secondGuess = asUtc - (wallClockMs(firstGuess, zone) - firstGuess);
  return Math.min(firstGuess, secondGuess);
}
