import { useState } from "react";
import { useTranslation } from "react-i18next";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { NationList } from "../../../../src/platform/auth/auth.contract.ts";
import { useSignedInUser } from "../../session.tsx";
import { useQuestionnaire } from "./application-answers.tsx";
import { useApi } from "./use-api.ts";

// Referring an application to a partner nation: the nation chosen by its name, then one of the pathways that
// nation publishes by its title, never typed codes. The applicant's consent, as told to them, and a reason go
// with it; the server checks the agreement and the consent.

export function ReferForm({ onRefer }: { onRefer: (body: Record<string, unknown>) => void }) {
  const { t, i18n } = useTranslation();
  const { nation: own, permissions } = useSignedInUser();
  const nations = useApi("/nations", NationList).data?.nations ?? [];
  const published = useQuestionnaire()?.pathways ?? [];
  const [toNation, setNation] = useState("");
  const [toPathway, setPathway] = useState("");
  const [consent, setConsent] = useState(false);
  const [consentText, setConsentText] = useState("");
  const [reason, setReason] = useState("");
  if (!permissions.includes("case.refer")) return null;
  const partners = nations
    .filter((n) => n.kind === "nation" && n.code !== own)
    .map((n) => ({ code: n.code, name: countryLabel(n.code, i18n.language) }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const pathways = published
    .filter((p) => p.nation === toNation && p.access !== "invitation")
    .sort((a, b) => a.title.localeCompare(b.title, i18n.language));
  return (
    <fieldset>
      <legend>{t("pages.pathways.refer")}</legend>
      <label htmlFor="refer-nation">{t("pages.pathways.referTo")}</label>
      <select
        id="refer-nation"
        value={toNation}
        onChange={(e) => {
          setNation(e.target.value);
          setPathway("");
        }}
      >
        <option value="">{t("pages.pathways.chooseNation")}</option>
        {partners.map((n) => (
          <option key={n.code} value={n.code}>
            {n.name}
          </option>
        ))}
      </select>
      <label htmlFor="refer-pathway">{t("pages.pathways.referPathway")}</label>
      <select
        id="refer-pathway"
        value={toPathway}
        disabled={toNation === ""}
        onChange={(e) => setPathway(e.target.value)}
      >
        <option value="">{t("pages.pathways.choosePathway")}</option>
        {pathways.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      <label htmlFor="refer-reason">{t("pages.pathways.reason")}</label>
      <input id="refer-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      <label htmlFor="refer-consent-text">{t("pages.pathways.consentText")}</label>
      <input id="refer-consent-text" value={consentText} onChange={(e) => setConsentText(e.target.value)} />
      <label>
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{" "}
        {t("pages.pathways.consent")}
      </label>
      <button
        type="button"
        disabled={!consent || toPathway === ""}
        onClick={() => onRefer({ toNation, toPathway, consent, consentText, reason })}
      >
        {t("pages.pathways.refer")}
      </button>
    </fieldset>
  );
}
