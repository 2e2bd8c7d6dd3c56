import type { Period } from "./catalog-schema.ts";

/** Days in each capacity period (a month as 30 days: estimates are told in weeks and months anyway). */
export const periodDays: Record<Period, number> = { day: 1, week: 7, month: 30, quarter: 91, year: 365 };

export interface WaitInput {
  /** Place in the queue, 1 = next to be taken. */
  position: number;
  /** Places the pathway takes per period. */
  placesPerPeriod: number;
  period: Period;
  /** Places already taken in the current period (they push everyone to later periods). */
  usedThisPeriod?: number;
  /** Days until the current period ends; a whole period when not known. */
  daysLeftInPeriod?: number;
  /** Expected days from being taken to a decision. */
  processingDays?: number;
}

export interface WaitEstimate {
  /** Estimated days until a decision. */
  days: number;
  /** Whole periods to wait before the application is taken (0 = this period). */
  periodsAhead: number;
}

/** Estimates the wait from queue position and capacity; undefined when the pathway has no capacity at all. */
export function estimateWait(input: WaitInput): WaitEstimate | undefined {
  if (input.placesPerPeriod <= 0 || input.position < 1) return undefined;
  const length = periodDays[input.period];
  const slot = Math.floor(input.position) - 1 + Math.max(0, input.usedThisPeriod ?? 0);
  const periodsAhead = Math.floor(slot / input.placesPerPeriod);
  const daysLeft = Math.min(input.daysLeftInPeriod ?? length, length);
  const queueDays = periodsAhead === 0 ? 0 : daysLeft + (periodsAhead - 1) * length;
  return { days: queueDays + (input.processingDays ?? 0), periodsAhead };
}
