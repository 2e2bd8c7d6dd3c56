// Dates and numbers as each of the platform's languages writes them. Four of them are in every browser's and
// Node's locale data; Haitian Creole is not (ICU has no `ht`), and a formatter asked for it silently writes
// English. Haiti writes numbers and dates in the French manner, so Creole is formatted as `fr-HT` and the
// French month and weekday names are then replaced by the Creole ones.

const HT_MONTHS = [
  "janvye",
  "fevriye",
  "mas",
  "avril",
  "me",
  "jen",
  "jiyè",
  "out",
  "septanm",
  "oktòb",
  "novanm",
  "desanm",
] as const;
/** Sunday first, as `Date.getUTCDay` counts. */
const HT_WEEKDAYS = ["dimanch", "lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi"] as const;

/** The locale whose conventions a language's dates and numbers follow. */
export function formatLocale(language: string): string {
  return language === "ht" ? "fr-HT" : language;
}

/** Formats dates like `Intl.DateTimeFormat`, in any of the platform's languages (Haitian Creole included). */
export interface DateFormat {
  format(date: Date): string;
}

/** A date formatter for `language`; the options are `Intl.DateTimeFormat`'s. */
export function dateFormat(language: string, options: Intl.DateTimeFormatOptions = {}): DateFormat {
  const base = new Intl.DateTimeFormat(formatLocale(language), options);
  if (language !== "ht") return base;
  // The month and weekday the base formatter shows, read in the same time zone as numbers.
  const timeZone = base.resolvedOptions().timeZone;
  const calendar = new Intl.DateTimeFormat("en-US", { timeZone, month: "numeric", weekday: "short" });
  const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  return {
    format(date) {
      const at = calendar.formatToParts(date);
      const month = Number(at.find((p) => p.type === "month")?.value ?? "1") - 1;
      const weekday = weekdays.indexOf(at.find((p) => p.type === "weekday")?.value ?? "Sun");
      return base
        .formatToParts(date)
        .map((p) => {
          // A month written as a number stays a number; only the French names are replaced.
          if (p.type === "month" && !/^\d+$/.test(p.value)) return HT_MONTHS[month] ?? p.value;
          if (p.type === "weekday") return HT_WEEKDAYS[weekday] ?? p.value;
          return p.value;
        })
        .join("");
    },
  };
}

/**
 * A calendar date ("2023-06-01", or the date that begins a longer value) as `language` writes it, read as that
 * day wherever the reader is; a value that is not a date is returned as it is.
 */
export function formatCalendarDay(
  language: string,
  value: string,
  dateStyle: "long" | "medium" = "medium",
): string {
  const day = value.slice(0, 10);
  const date = new Date(`${day}T00:00:00Z`);
  // A day that does not exist (30 February) would roll over into another: it is shown as given instead.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return value;
  return dateFormat(language, { dateStyle, timeZone: "UTC" }).format(date);
}

/** A number formatter for `language`; the options are `Intl.NumberFormat`'s. */
export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return new Intl.NumberFormat(formatLocale(language), options);
}
