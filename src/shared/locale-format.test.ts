import { describe, expect, it } from "vitest";
import { dateFormat, formatCalendarDay, formatLocale, numberFormat } from "./locale-format.ts";

const day = new Date(Date.UTC(2026, 6, 14, 15, 30)); // a Tuesday in July

describe("dates and numbers in the platform's languages", () => {
  it("writes Haitian Creole dates with Creole month and weekday names, never English ones", () => {
    const full = dateFormat("ht", { dateStyle: "full", timeZone: "UTC" }).format(day);
    expect(full).toBe("madi 14 jiyè 2026");
    const medium = dateFormat("ht", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(day);
    expect(medium).toContain("jiyè");
    expect(medium).toContain("15:30");
    expect(medium).not.toMatch(/July|juil/);
    expect(
      dateFormat("ht", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 0, 1))),
    ).toBe("1 janvye 2026");
  });

  it("keeps numeric dates numeric in Creole and reads the month in the formatter's time zone", () => {
    expect(dateFormat("ht", { dateStyle: "short", timeZone: "UTC" }).format(day)).toBe("14/07/2026");
    // 23:30 on 31 January in UTC is already 1 February in Dhaka (UTC+6): the month follows the zone.
    const late = new Date(Date.UTC(2026, 0, 31, 23, 30));
    expect(dateFormat("ht", { dateStyle: "long", timeZone: "Asia/Dhaka" }).format(late)).toBe(
      "1 fevriye 2026",
    );
  });

  it("leaves the other languages to their own locale data", () => {
    expect(dateFormat("es", { dateStyle: "long", timeZone: "UTC" }).format(day)).toBe("14 de julio de 2026");
    expect(dateFormat("pt", { dateStyle: "long", timeZone: "UTC" }).format(day)).toBe("14 de julho de 2026");
    expect(dateFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(day)).toBe("July 14, 2026");
  });

  it("writes Creole numbers the way Haiti does, as French", () => {
    expect(formatLocale("ht")).toBe("fr-HT");
    expect(numberFormat("ht").format(1234567.5)).toBe(numberFormat("fr").format(1234567.5));
    expect(numberFormat("ht").format(1234567.5)).not.toBe("1,234,567.5");
  });

  it("writes a calendar date as that day in every language, and leaves anything else as it is", () => {
    expect(formatCalendarDay("es", "2023-06-01", "long")).toBe("1 de junio de 2023");
    expect(formatCalendarDay("en", "2022-03-15")).toBe("Mar 15, 2022");
    expect(formatCalendarDay("ht", "2023-06-01T23:30:00-04:00", "long")).toBe("1 jen 2023");
    expect(formatCalendarDay("fr", "not a date")).toBe("not a date");
    expect(formatCalendarDay("fr", "2023-02-30")).toBe("2023-02-30");
  });
});
