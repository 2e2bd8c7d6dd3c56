import { useState } from "react";
import { useTranslation } from "react-i18next";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { ApplicationPlacement } from "../../../../src/pathways/applications.contract.ts";
import { ArrivalView } from "../../../../src/pathways/arrival.contract.ts";
import { formatCalendarDay } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";

/**
 * Where a placement run put the application's household, and its arrival: recorded here when the place is in
 * this nation, or moved (with the applicant's consent) to the receiving nation, which records it there.
 */
export function PlacementPanel({
  id,
  placement,
  onChange,
}: {
  id: string;
  placement: ApplicationPlacement | null;
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const nation = (code: string | null) => (code ? countryLabel(code, i18n.language) : "");
  const written = (day: string) => formatCalendarDay(i18n.language, day);
  const [day, setDay] = useState(new Date().toISOString().slice(0, 10));
  const [consentText, setConsentText] = useState("");
  const [message, setMessage] = useState("");
  const act = async (call: () => Promise<unknown>) => {
    setMessage("");
    try {
      await call();
      setMessage(t("pages.pathways.done"));
      onChange();
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  if (!placement) return null;
  const canAct = user.permissions.includes("application.decide") && placement.arrivedOn === null;
  const here = placement.nation === user.nation;
  return (
    <section aria-labelledby="application-placement-title">
      <h3 id="application-placement-title">{t("pages.pathways.placement.title")}</h3>
      <p data-testid="application-placement">
        {placement.placeId
          ? t("pages.pathways.placement.placed", {
              locality: placement.locality,
              nation: nation(placement.nation),
              day: written(placement.placedAt),
            })
          : t("pages.pathways.placement.notPlaced", { reason: placement.reason })}
        {placement.arrivedOn &&
          ` ${t("pages.pathways.placement.arrived", { day: written(placement.arrivedOn) })}`}
        {placement.movedTo &&
          placement.arrivedOn === null &&
          ` ${t("pages.pathways.placement.moved", { nation: nation(placement.movedTo) })}`}
      </p>
      {canAct && placement.placeId && here && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() =>
              apiRequest(`/pathways/applications/${id}/arrival`, {
                method: "POST",
                body: { arrivedOn: day },
                schema: ApplicationPlacement,
              }),
            );
          }}
        >
          <label htmlFor="arrival-day">{t("pages.pathways.placement.arrivedOn")}</label>
          <input id="arrival-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
          <button type="submit">{t("pages.pathways.placement.recordArrival")}</button>
        </form>
      )}
      {canAct && placement.placeId && !here && placement.movedTo === null && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() =>
              apiRequest(`/pathways/applications/${id}/arrival-transfer`, {
                method: "POST",
                body: { consentText },
                schema: ArrivalView,
              }),
            );
          }}
        >
          <label htmlFor="transfer-consent">
            {t("pages.pathways.placement.consentText", { nation: nation(placement.nation) })}
          </label>
          <textarea
            id="transfer-consent"
            minLength={5}
            required
            value={consentText}
            onChange={(e) => setConsentText(e.target.value)}
          />
          <button type="submit">
            {t("pages.pathways.placement.transfer", { nation: nation(placement.nation) })}
          </button>
        </form>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
