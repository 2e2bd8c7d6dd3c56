import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { AppointmentView, FreeSlotList } from "../../../../src/pathways/appointments.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { useApi } from "./use-api.ts";

// Booking an appointment by picking it: an office by its name, then one of its days with free slots, then a
// free time. Slot times are wall-clock times of the office's day, so they are formatted as they are (UTC).

/** The stages at which an application takes an appointment (the server refuses the others). */
const BOOKABLE_STAGES = ["submitted", "screening", "interview_scheduled"];

type Appointment = z.infer<typeof AppointmentView>;

/** A day (YYYY-MM-DD) and a slot time (HH:MM) in the user's locale. */
export function slotFormatters(language: string) {
  const day = dateFormat(language, { dateStyle: "full", timeZone: "UTC" });
  const time = dateFormat(language, { timeStyle: "short", timeZone: "UTC" });
  return {
    day: (d: string) => day.format(new Date(`${d}T00:00:00Z`)),
    time: (d: string, hhmm: string) => time.format(new Date(`${d}T${hhmm}:00Z`)),
  };
}

/** The application's appointment, or the picker to book one when its stage takes one. */
export function SlotPicker({
  id,
  stage,
  appointment,
  onBooked,
}: {
  id: string;
  stage: string;
  appointment: Appointment | null;
  onBooked: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useApi(`/pathways/applications/${id}/free-slots`, FreeSlotList);
  const format = slotFormatters(i18n.language);
  const officeName = (officeId: string) => data?.offices.find((o) => o.id === officeId)?.name ?? officeId;
  if (appointment) {
    return (
      <section aria-labelledby="slot-booked-title" data-testid="booked-appointment">
        <h3 id="slot-booked-title">{t("slots.booked")}</h3>
        <p>
          {t("slots.bookedAt", {
            day: format.day(appointment.day),
            time: format.time(appointment.day, appointment.time),
            office: officeName(appointment.officeId),
          })}
        </p>
      </section>
    );
  }
  if (!BOOKABLE_STAGES.includes(stage)) return null;
  return (
    <fieldset data-testid="slot-picker">
      <legend>{t("slots.title")}</legend>
      {error && <p role="alert">{t("slots.loadFailed", { message: error })}</p>}
      {!data && !error && <p aria-busy="true">{t("loading")}</p>}
      {data && (
        <SlotChoice
          id={id}
          free={data}
          officeName={officeName}
          onBooked={() => {
            reload();
            onBooked();
          }}
          onRefused={reload}
        />
      )}
    </fieldset>
  );
}

/** Office, day and time selects over the free slots, and the button that books the chosen one. */
function SlotChoice({
  id,
  free,
  officeName,
  onBooked,
  onRefused,
}: {
  id: string;
  free: z.infer<typeof FreeSlotList>;
  officeName: (officeId: string) => string;
  onBooked: () => void;
  onRefused: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = slotFormatters(i18n.language);
  const [officeId, setOffice] = useState("");
  const [day, setDay] = useState("");
  const [slot, setSlot] = useState("");
  const [refusal, setRefusal] = useState("");
  const [busy, setBusy] = useState(false);
  const officeIds = [...new Set(free.days.map((d) => d.officeId))].sort((a, b) =>
    officeName(a).localeCompare(officeName(b), i18n.language),
  );
  const days = free.days.filter((d) => d.officeId === officeId);
  const slots = days.find((d) => d.day === day)?.slots ?? [];
  if (free.days.length === 0) return <p>{t("slots.none")}</p>;
  const book = async () => {
    setRefusal("");
    setBusy(true);
    try {
      await apiRequest(`/pathways/applications/${id}/appointment`, {
        method: "POST",
        body: { officeId, day, slot: Number(slot) },
        schema: AppointmentView,
      });
      onBooked();
    } catch (e) {
      setRefusal((e as Error).message);
      setSlot("");
      onRefused();
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p role="alert" className={refusal ? "alert" : "alert-empty"}>
        {refusal}
      </p>
      <label htmlFor="slot-office">{t("slots.office")}</label>
      <select
        id="slot-office"
        value={officeId}
        onChange={(e) => {
          setOffice(e.target.value);
          setDay("");
          setSlot("");
        }}
      >
        <option value="">{t("slots.chooseOffice")}</option>
        {officeIds.map((o) => (
          <option key={o} value={o}>
            {officeName(o)}
          </option>
        ))}
      </select>
      <label htmlFor="slot-day">{t("slots.day")}</label>
      <select
        id="slot-day"
        value={day}
        disabled={!officeId}
        onChange={(e) => {
          setDay(e.target.value);
          setSlot("");
        }}
      >
        <option value="">{t("slots.chooseDay")}</option>
        {days.map((d) => (
          <option key={d.day} value={d.day}>
            {t("slots.dayWithCount", { day: format.day(d.day), count: d.slots.length })}
          </option>
        ))}
      </select>
      <label htmlFor="slot-time">{t("slots.time")}</label>
      <select id="slot-time" value={slot} disabled={!day} onChange={(e) => setSlot(e.target.value)}>
        <option value="">{t("slots.chooseTime")}</option>
        {slots.map((s) => (
          <option key={s.slot} value={String(s.slot)}>
            {format.time(day, s.time)}
          </option>
        ))}
      </select>
      <button type="button" disabled={!slot || busy} onClick={book}>
        {t("slots.book")}
      </button>
    </>
  );
}
