import { useTranslation } from "react-i18next";
import type { EdgeView } from "../../../../src/networks/networks.contract.ts";

/** Every link shown, in the order it was observed, with where it came from. */
export function Timeline({ edges, names }: { edges: EdgeView[]; names: Map<string, string> }) {
  const { t } = useTranslation();
  const sorted = [...edges].sort((a, b) => (a.observedOn ?? "9999").localeCompare(b.observedOn ?? "9999"));
  return (
    <table className="data-table">
      <caption>{t("pages.networks.timeline.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.networks.timeline.observed")}</th>
          <th scope="col">{t("pages.networks.timeline.from")}</th>
          <th scope="col">{t("pages.networks.timeline.kind")}</th>
          <th scope="col">{t("pages.networks.timeline.to")}</th>
          <th scope="col">{t("pages.networks.timeline.case")}</th>
          <th scope="col">{t("pages.networks.timeline.origin")}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.slice(0, 200).map((e) => (
          <tr key={e.id}>
            <td>{e.observedOn ?? "—"}</td>
            <td>{names.get(e.source) ?? "—"}</td>
            <td>{e.kind}</td>
            <td>{names.get(e.target) ?? "—"}</td>
            <td>{e.caseRef ?? "—"}</td>
            <td>{e.origin}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
