import { useState } from "react";
import { useTranslation } from "react-i18next";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { ArrivalList, ArrivalView } from "../../../../src/pathways/arrival.contract.ts";
import { formatCalendarDay } from "../../../../src/shared/locale-format.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";
import { useApi } from "./use-api.ts";

/**
 * Households placed with this nation (expected and arrived; recording an arrival registers the household in
 * this nation's registry) and households this nation placed elsewhere.
 */
export function ArrivalsPanel() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const incoming = useApi("/pathways/arrivals?direction=incoming", ArrivalList);
  const outgoing = useApi("/pathways/arrivals?direction=outgoing", ArrivalList);
  const [day, setDay] = useState(new Date().toISOString().slice(0, 10));
  const [message, setMessage] = useState("");
  const canRecord = user.permissions.includes("application.decide");
  const record = async (id: string) => {
    setMessage("");
    try {
      await apiRequest(`/pathways/arrivals/${id}/arrived`, {
        method: "POST",
        body: { arrivedOn: day },
        schema: ArrivalView,
      });
      setMessage(t("pages.pathways.done"));
      incoming.reload();
    } catch (e) {
      setMessage(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  const error = incoming.error || outgoing.error;
  if (error) return <p role="alert">{t("pages.pathways.error", { message: error })}</p>;
  if (!incoming.data || !outgoing.data) return <p aria-busy="true">{t("loading")}</p>;
  return (
    <>
      {canRecord && (
        <div className="field">
          <label htmlFor="arrivals-day">{t("pages.pathways.placement.arrivedOn")}</label>
          <input id="arrivals-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </div>
      )}
      <p role="status">{message}</p>
      <ArrivalTable
        caption={t("pages.pathways.arrivalsTab.incoming")}
        rows={incoming.data.arrivals}
        action={canRecord ? record : undefined}
      />
      <ArrivalTable caption={t("pages.pathways.arrivalsTab.outgoing")} rows={outgoing.data.arrivals} />
    </>
  );
}

function ArrivalTable({
  caption,
  rows,
  action,
}: {
  caption: string;
  rows: ArrivalView[];
  action?: ((id: string) => Promise<void>) | undefined;
}) {
  const { t, i18n } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.pathways.code")}</th>
          <th scope="col">{t("pages.pathways.arrivalsTab.route")}</th>
          <th scope="col">{t("pages.pathways.arrivalsTab.locality")}</th>
          <th scope="col">{t("pages.pathways.arrivalsTab.persons")}</th>
          <th scope="col">{t("pages.pathways.arrivalsTab.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={5}>{t("pages.pathways.none")}</td>
          </tr>
        )}
        {rows.map((a) => (
          <tr key={`${a.direction}-${a.id}`}>
            <th scope="row">{a.trackingCode}</th>
            <td>
              {countryLabel(a.fromNation, i18n.language)} → {countryLabel(a.toNation, i18n.language)}
            </td>
            <td>{a.locality}</td>
            <td>{a.persons}</td>
            <td>
              {a.status === "arrived"
                ? t("pages.pathways.placement.arrived", {
                    day: a.arrivedOn ? formatCalendarDay(i18n.language, a.arrivedOn) : "",
                  })
                : t("pages.pathways.arrivalsTab.expected")}{" "}
              {a.status === "expected" && action && (
                <button type="button" onClick={() => void action(a.id)}>
                  {t("pages.pathways.placement.recordArrival")}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
