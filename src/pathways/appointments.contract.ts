import { z } from "zod";
import { IsoDate, text } from "../platform/contract/primitives.contract.ts";

// Appointments: an application's booked slot, the days offices open with their capacity, and the free
// slots staff pick from.

export const AppointmentView = z.object({
  id: z.string(),
  officeId: z.string(),
  day: z.string(),
  slot: z.number().int(),
  time: z.string(),
});
export const AppointmentDaySave = z.object({
  officeId: text(1, 64),
  day: IsoDate,
  capacity: z.number().int().min(0).max(10_000),
});
export const AppointmentDayView = z.object({
  officeId: z.string(),
  day: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
});
export const AppointmentBook = z.object({
  officeId: text(1, 64),
  day: IsoDate,
  /** A free slot picked from the free-slot list; without it the first free slot of the day is taken. */
  slot: z.number().int().min(1).max(10_000).optional(),
});
export const FreeSlotQuery = z.object({ officeId: text(1, 64).optional(), day: IsoDate.optional() });
export const FreeSlotList = z.object({
  /** The nation's offices by id and name, so a person picks an office by its name. */
  offices: z.array(z.object({ id: z.string(), name: z.string() })),
  days: z.array(
    z.object({
      officeId: z.string(),
      day: z.string(),
      slots: z.array(z.object({ slot: z.number().int(), time: z.string() })),
    }),
  ),
});
