import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { FreeSlotList } from "../../../../src/pathways/appointments.contract.ts";
import { PortalAppointment, type PortalStatus } from "../../../../src/pathways/portal.contract.ts";
import { errorText, PortalError, portalRequest } from "./portal-api.ts";
import type { PortalLang, PortalText } from "./portal-text.ts";

// The applicant picks an appointment among the offered free slots, with the code and secret they looked the
// status up with (in POST bodies, never in the address). Shown only while the application's stage takes an
// appointment and none is booked; a time someone else took meanwhile is refused and the offer reloaded.

const APPOINTMENT_STAGES = ["submitted", "screening", "interview_scheduled"];

/** A day (YYYY-MM-DD) in the portal's words: the weekday and month names come from the portal's texts. */
export function portalDay(day: string, text: PortalText): string {
  const date = new Date(`${day}T00:00:00Z`);
  return text.slots.datePattern
    .replace("{weekday}", text.slots.weekdays[date.getUTCDay()] ?? "")
    .replace("{day}", String(date.getUTCDate()))
    .replace("{month}", text.slots.months[date.getUTCMonth()] ?? "")
    .replace("{year}", String(date.getUTCFullYear()));
}

/** A slot time (HH:MM) as the language writes it, where the browser knows the language. */
function portalTime(time: string, lang: PortalLang): string {
  if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length === 0) return time;
  return new Intl.DateTimeFormat(lang, { timeStyle: "short", timeZone: "UTC" }).format(
    new Date(`2000-01-01T${time}:00Z`),
  );
}

const slotKey = (officeId: string, day: string, slot: number) => `${officeId}|${day}|${slot}`;

export function SlotChoice({
  lang,
  text,
  access,
  status,
  onBooked,
}: {
  lang: PortalLang;
  text: PortalText;
  access: { trackingCode: string; secret: string };
  status: PortalStatus;
  onBooked: () => void;
}) {
  const open = APPOINTMENT_STAGES.includes(status.stage) && status.appointment === null;
  const [free, setFree] = useState<z.infer<typeof FreeSlotList> | null>(null);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState("");
  const [booked, setBooked] = useState<z.infer<typeof PortalAppointment> | null>(null);
  // The code and secret the status was opened with, kept: editing the form's fields afterwards asks nothing.
  const [{ trackingCode, secret }] = useState(access);
  const load = useCallback(() => {
    portalRequest("/appointments/free-slots", FreeSlotList, { trackingCode, secret }).then(setFree, (e) =>
      setError(errorText(e, text)),
    );
  }, [trackingCode, secret, text]);
  useEffect(() => {
    if (open) load();
  }, [open, load]);
  if (booked) {
    return (
      <p role="status" data-testid="slot-booked">
        {text.slots.booked
          .replace("{day}", portalDay(booked.day, text))
          .replace("{time}", portalTime(booked.time, lang))
          .replace("{office}", booked.officeName)}
      </p>
    );
  }
  if (!open) return null;
  const officeName = (id: string) => free?.offices.find((o) => o.id === id)?.name ?? id;
  const book = async () => {
    setError("");
    const [officeId = "", day = "", slot = ""] = chosen.split("|");
    if (!chosen) {
      setError(text.slots.choose);
      return;
    }
    try {
      const result = await portalRequest("/appointments", PortalAppointment, {
        trackingCode,
        secret,
        officeId,
        day,
        slot: Number(slot),
      });
      setBooked(result);
      onBooked();
    } catch (e) {
      // A refusal the portal names says what happened; any other conflict means the time is gone.
      const named = e instanceof PortalError && e.reason !== null && e.reason in text.refusals;
      setError(
        e instanceof PortalError && e.status === 409 && !named
          ? text.refusals.slot_taken
          : errorText(e, text),
      );
      setChosen("");
      load();
    }
  };
  return (
    <section aria-labelledby="slots-title" data-testid="slot-choice">
      <h3 id="slots-title">{text.slots.title}</h3>
      <p>{text.slots.intro}</p>
      <p role="alert" className="portal-error">
        {error}
      </p>
      {free && free.days.length === 0 && <p>{text.slots.none}</p>}
      {free?.days.map((d) => (
        <fieldset key={`${d.officeId}|${d.day}`} className="portal-field">
          <legend>
            {text.slots.daySlots
              .replace("{day}", portalDay(d.day, text))
              .replace("{office}", officeName(d.officeId))}
          </legend>
          {d.slots.map((s) => {
            const key = slotKey(d.officeId, d.day, s.slot);
            return (
              <label key={key} className="portal-choice">
                <input
                  type="radio"
                  name="portal-slot"
                  value={key}
                  checked={chosen === key}
                  onChange={() => setChosen(key)}
                />
                {portalTime(s.time, lang)}
              </label>
            );
          })}
        </fieldset>
      ))}
      {free && free.days.length > 0 && (
        <button type="button" onClick={() => void book()}>
          {text.slots.book}
        </button>
      )}
    </section>
  );
}
