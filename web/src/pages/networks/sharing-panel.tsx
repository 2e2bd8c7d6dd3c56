import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DetailRequestList,
  type DetailRequestView,
  MatchList,
} from "../../../../src/networks/networks.contract.ts";
import { apiRequest } from "../../api.ts";
import { useNetworksApi } from "./use-networks-api.ts";

/** Identifiers other nations hold too (found on keyed hashes), and the requests for details both ways. */
export function SharingPanel() {
  const { t } = useTranslation();
  const matches = useNetworksApi("/shared-matches", MatchList);
  const requests = useNetworksApi("/detail-requests", DetailRequestList);
  const [error, setError] = useState("");
  const act = (path: string, body?: unknown) =>
    apiRequest(`/networks${path}`, { method: "POST", body: body ?? {} }).then(
      () => {
        matches.reload();
        requests.reload();
      },
      (e: Error) => setError(e.message),
    );
  return (
    <section aria-labelledby="networks-sharing">
      <h2 id="networks-sharing">{t("pages.networks.sharing.title")}</h2>
      <p>{t("pages.networks.sharing.intro")}</p>
      <button type="button" className="button-secondary" onClick={() => act("/shared-hashes/publish")}>
        {t("pages.networks.sharing.publish")}
      </button>
      {error && <p className="alert">{error}</p>}
      <table className="data-table">
        <caption>{t("pages.networks.sharing.matches")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.networks.sharing.identifier")}</th>
            <th scope="col">{t("pages.networks.sharing.nations")}</th>
            <th scope="col">{t("pages.networks.sharing.action")}</th>
          </tr>
        </thead>
        <tbody>
          {(matches.data?.matches ?? []).map((m) => (
            <tr key={m.hash}>
              <td>
                {m.entity.type} {m.entity.value}
              </td>
              <td>{m.nations.join(", ")}</td>
              <td>
                {m.nations.map((nation) => (
                  <button
                    key={nation}
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      act("/detail-requests", {
                        holder: nation,
                        type: m.entity.type,
                        hash: m.hash,
                        purpose: t("pages.networks.sharing.purpose"),
                      })
                    }
                  >
                    {t("pages.networks.sharing.ask", { nation })}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RequestTable
        title={t("pages.networks.sharing.incoming")}
        rows={requests.data?.incoming ?? []}
        onDecide={act}
      />
      <RequestTable title={t("pages.networks.sharing.outgoing")} rows={requests.data?.outgoing ?? []} />
    </section>
  );
}

function RequestTable(props: {
  title: string;
  rows: DetailRequestView[];
  onDecide?: (path: string, body: unknown) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="data-table">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.networks.sharing.nation")}</th>
          <th scope="col">{t("pages.networks.sharing.identifier")}</th>
          <th scope="col">{t("pages.networks.sharing.status")}</th>
          <th scope="col">{t("pages.networks.sharing.details")}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.id}>
            <td>{props.onDecide ? r.requester : r.holder}</td>
            <td>{r.type}</td>
            <td>
              {t(`pages.networks.sharing.statuses.${r.status}`)}
              {props.onDecide && r.status === "pending" && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      props.onDecide?.(`/detail-requests/${r.id}/decision`, {
                        decision: "approve",
                        note: t("pages.networks.sharing.approvedNote"),
                      })
                    }
                  >
                    {t("pages.networks.sharing.approve")}
                  </button>{" "}
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() =>
                      props.onDecide?.(`/detail-requests/${r.id}/decision`, {
                        decision: "reject",
                        note: t("pages.networks.sharing.rejectedNote"),
                      })
                    }
                  >
                    {t("pages.networks.sharing.reject")}
                  </button>
                </>
              )}
            </td>
            <td>
              {r.details
                ? t("pages.networks.sharing.released", {
                    cases: r.details.cases.join(", "),
                    names: r.details.names,
                  })
                : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
