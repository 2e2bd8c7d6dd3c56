import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ReleaseList, RevisionsResult } from "../../../../src/flows/flows.contract.ts";
import { flowsUrl, formatCount, useFlows } from "./use-flows-api.ts";

/** Every release you may read, and the figures that changed between two releases of a source. */
export function FlowsReleases() {
  const { t, i18n } = useTranslation();
  const releases = useFlows(flowsUrl("/releases", {}), ReleaseList);
  const [pair, setPair] = useState<{ from: string; to: string }>({ from: "", to: "" });
  const list = releases.data?.releases ?? [];
  const source = list.find((r) => r.id === pair.to)?.source;
  const revisions = useFlows(
    pair.from && pair.to && source
      ? flowsUrl("/revisions", { source, from: pair.from, to: pair.to, limit: 50 })
      : null,
    RevisionsResult,
  );
  return (
    <div>
      {releases.error && <p role="alert">{releases.error}</p>}
      <table>
        <caption>{t("pages.flows.releasesCaption")}</caption>
        <thead>
          <tr>
            {(["nation", "source", "label", "periods", "figures", "published", "importedAt"] as const).map(
              (k) => (
                <th key={k} scope="col">
                  {t(`pages.flows.release.${k}`)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id}>
              <td>{r.nation}</td>
              <td>{r.source}</td>
              <td>{r.label}</td>
              <td>{`${r.periodFrom?.slice(0, 7) ?? ""} – ${r.periodTo?.slice(0, 7) ?? ""}`}</td>
              <td>{formatCount(r.rowCount, i18n.language)}</td>
              <td>{r.published ? t("pages.flows.yes") : t("pages.flows.no")}</td>
              <td>{r.importedAt.slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("pages.flows.revisions")}</h2>
      <form onSubmit={(e) => e.preventDefault()} style={{ display: "flex", gap: "1rem" }}>
        {(["from", "to"] as const).map((side) => (
          <label key={side}>
            {t(`pages.flows.${side}Release`)}
            <select value={pair[side]} onChange={(e) => setPair({ ...pair, [side]: e.target.value })}>
              <option value="">–</option>
              {list.map((r) => (
                <option key={r.id} value={r.id}>{`${r.source} · ${r.label} (${r.nation})`}</option>
              ))}
            </select>
          </label>
        ))}
      </form>
      {revisions.error && <p role="alert">{revisions.error}</p>}
      {revisions.data && <p>{t("pages.flows.revisionsCount", { count: revisions.data.total })}</p>}
      <ul>
        {(revisions.data?.changes ?? []).map((c) => (
          <li key={`${c.period}-${JSON.stringify(c.dims)}-${c.measure}`}>
            {c.period} · {Object.values(c.dims).join(" · ")}: {formatCount(c.from, i18n.language)} →{" "}
            {formatCount(c.to, i18n.language)}
          </li>
        ))}
      </ul>
    </div>
  );
}
