import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LegalBasisList, type LegalBasisView } from "../../../../src/networks/networks.contract.ts";
import { apiRequest } from "../../api.ts";
import { authorityLabel } from "./legal-basis-format.ts";
import { useNetworksApi } from "./use-networks-api.ts";

/** The protection side: requests to see victims' protection records, each approved or refused with a reason. */
export function LegalBasisDecisions() {
  const { t } = useTranslation();
  const { data, error, reload } = useNetworksApi("/legal-bases/pending", LegalBasisList);
  const [done, setDone] = useState("");
  if (error) return <p className="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t("loading")}</p>;
  return (
    <section aria-labelledby="networks-decisions">
      <h2 id="networks-decisions">{t("pages.networks.wall.decide.title")}</h2>
      <p>{t("pages.networks.wall.decide.intro")}</p>
      <p role="status">{done}</p>
      {data.legalBases.length === 0 && (
        <p className="alert alert-empty">{t("pages.networks.wall.decide.none")}</p>
      )}
      {data.legalBases.map((b) => (
        <DecisionCard
          key={b.id}
          basis={b}
          onDecided={(message) => {
            setDone(message);
            reload();
          }}
        />
      ))}
    </section>
  );
}

function DecisionCard({ basis, onDecided }: { basis: LegalBasisView; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const decide = (decision: "approve" | "reject") => {
    setError("");
    if (reason.trim().length < 3) return setError(t("pages.networks.wall.decide.reasonNeeded"));
    apiRequest(`/networks/legal-bases/${basis.id}/decision`, {
      method: "POST",
      body: { decision, note: reason },
    }).then(
      () => onDecided(t(`pages.networks.wall.decide.done.${decision}`, { caseRef: basis.caseRef ?? "" })),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <article className="community-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("pages.networks.wall.decide.card", { caseRef: basis.caseRef ?? "" })}</h3>
      <dl>
        <dt>{t("pages.networks.wall.list.basis")}</dt>
        <dd>{authorityLabel(t, basis.authority)}</dd>
        <dt>{t("pages.networks.wall.list.purpose")}</dt>
        <dd>{basis.purpose}</dd>
        <dt>{t("pages.networks.wall.list.requested")}</dt>
        <dd>
          {basis.requestedBy} · {basis.requestedAt.slice(0, 10)}
        </dd>
      </dl>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("pages.networks.wall.decide.reason")}</label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          required
          rows={2}
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {error && <p className="alert">{error}</p>}
      <button type="button" className="button-primary" onClick={() => decide("approve")}>
        {t("pages.networks.wall.decide.approve")}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={() => decide("reject")}>
        {t("pages.networks.wall.decide.reject")}
      </button>
    </article>
  );
}
