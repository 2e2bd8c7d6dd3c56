import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LegalBasisList } from "../../../../src/networks/networks.contract.ts";
import { authorityLabel } from "./legal-basis-format.ts";
import { ProtectedRecord } from "./protected-record.tsx";
import { useNetworksApi } from "./use-networks-api.ts";

/** The nation's requests to see protected records, where each stands, and the records approved ones open. */
export function LegalBasesPanel() {
  const { t } = useTranslation();
  const { data, error } = useNetworksApi("/legal-bases", LegalBasisList);
  const [open, setOpen] = useState<string | null>(null);
  if (error) return <p className="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  return (
    <section aria-labelledby="networks-legal-bases">
      <h2 id="networks-legal-bases">{t("pages.networks.wall.list.title")}</h2>
      <p>{t("pages.networks.wall.list.intro")}</p>
      {data.legalBases.length === 0 && (
        <p className="alert alert-empty">{t("pages.networks.wall.list.none")}</p>
      )}
      <table className="data-table">
        <caption>{t("pages.networks.wall.list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.networks.wall.list.record")}</th>
            <th scope="col">{t("pages.networks.wall.list.basis")}</th>
            <th scope="col">{t("pages.networks.wall.list.purpose")}</th>
            <th scope="col">{t("pages.networks.wall.list.requested")}</th>
            <th scope="col">{t("pages.networks.wall.list.state")}</th>
          </tr>
        </thead>
        <tbody>
          {data.legalBases.map((b) => (
            <tr key={b.id}>
              <td>{b.caseRef ?? b.protectedRef}</td>
              <td>{authorityLabel(t, b.authority)}</td>
              <td>{b.purpose}</td>
              <td>
                {b.requestedBy} · {b.requestedAt.slice(0, 10)}
              </td>
              <td>
                {t(`pages.networks.wall.state.${b.status}`)}
                {b.decisionNote && ` — ${b.decisionNote}`}
                {b.status === "approved" && (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="button-secondary"
                      aria-expanded={open === b.id}
                      onClick={() => setOpen(open === b.id ? null : b.id)}
                    >
                      {t("pages.networks.wall.list.view", { record: b.caseRef ?? b.protectedRef })}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <ProtectedRecord key={open} basisId={open} />}
    </section>
  );
}
