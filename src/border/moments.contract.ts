// How border records and policy packs write moments: real calendar dates, local date-times and instants
// with an offset, checked by arithmetic (no Date object, no clock). Shared with the web through the contracts.

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = localDatePattern.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when `text` is a real local date or local date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]). */
export function isLocalMoment(text: string): boolean {
  if (isCalendarDate(text)) return true;
  const m = localDateTimePattern.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && isRealTime(m[4], m[5], m[6]);
}

/** True when `text` is a real date-time with an explicit offset (Z or ±HH:MM). */
export function isOffsetInstant(text: string): boolean {
  const m = instantPattern.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && isRealTime(m[4], m[5], m[6]);
}

/** True when the runtime knows `zone` as an IANA time zone. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than a Date object: it runs for every row of a million-row import.
function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : (daysInMonth[month - 1] as number));
}

function isRealTime(hh = "0", mm = "0", ss = "0"): boolean {
  return Number(hh) < 24 && Number(mm) < 60 && Number(ss) < 60;
}
