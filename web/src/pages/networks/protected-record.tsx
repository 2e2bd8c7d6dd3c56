import { useTranslation } from "react-i18next";
import { ProtectedRecordView } from "../../../../src/networks/networks.contract.ts";
import { authorityLabel } from "./legal-basis-format.ts";
import { useNetworksApi } from "./use-networks-api.ts";

/** A protected case opened by an approved legal basis: its links and entities. The server audits each view. */
export function ProtectedRecord({ basisId }: { basisId: string }) {
  const { t } = useTranslation();
  const { data, error } = useNetworksApi(`/legal-bases/${basisId}/record`, ProtectedRecordView);
  if (error) return <p className="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  const names = new Map(data.nodes.map((n) => [n.id, `${n.type} ${n.value}`]));
  return (
    <section aria-labelledby="networks-record">
      <h3 id="networks-record">{t("pages.networks.wall.record.title", { caseRef: data.caseRef })}</h3>
      <p>
        {t("pages.networks.wall.record.basis", {
          authority: authorityLabel(t, data.basis.authority),
          by: data.basis.decidedBy ?? "",
        })}
      </p>
      {data.reason && <p>{t("pages.networks.wall.record.reason", { reason: data.reason })}</p>}
      <p className="notice">{t("pages.networks.wall.record.audited")}</p>
      <table className="data-table">
        <caption>{t("pages.networks.wall.record.caption", { caseRef: data.caseRef })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.networks.timeline.observed")}</th>
            <th scope="col">{t("pages.networks.timeline.from")}</th>
            <th scope="col">{t("pages.networks.timeline.kind")}</th>
            <th scope="col">{t("pages.networks.timeline.to")}</th>
          </tr>
        </thead>
        <tbody>
          {data.edges.map((e) => (
            <tr key={e.id}>
              <td>{e.observedOn ?? "—"}</td>
              <td>{names.get(e.source) ?? "—"}</td>
              <td>{e.kind}</td>
              <td>{names.get(e.target) ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
