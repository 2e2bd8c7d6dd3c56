import { useTranslation } from "react-i18next";
import {
  DecisionList,
  EncounterAssessment,
  EncounterView,
  VerificationList,
} from "../../../../src/border/border-records.contract.ts";
import { SafeguardList } from "../../../../src/border/border-safeguards.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { Link } from "../../router.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { AssessmentPanel } from "./assessment-panel.tsx";
import { dayIn } from "./border-words.ts";
import { DecisionPanel } from "./decision-panel.tsx";
import { FamilyPanel } from "./family-panel.tsx";
import { SafeguardsPanel } from "./safeguards-panel.tsx";
import { useBorderApi } from "./use-border-api.ts";
import { VerificationPanel } from "./verification-panel.tsx";

/** One encounter: its facts, the assessment with reasons and citations, safeguards, verification and decision. */
export function EncounterDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const encounter = useBorderApi(`/encounters/${id}`, EncounterView);
  const assessment = useBorderApi(`/encounters/${id}/assessment`, EncounterAssessment);
  const verifications = useBorderApi(`/encounters/${id}/verifications`, VerificationList);
  const decisions = useBorderApi(`/encounters/${id}/decisions`, DecisionList);
  const safeguards = useBorderApi(`/encounters/${id}/safeguards`, SafeguardList);
  const e = encounter.data;
  const refresh = () => {
    assessment.reload();
    safeguards.reload();
    verifications.reload();
    decisions.reload();
  };
  return (
    <>
      <PageHeading
        title={
          e
            ? t("pages.border.detail.titleWithReference", { reference: e.reference })
            : t("pages.border.detail.title")
        }
      />
      <p>
        <Link to="/border">{t("pages.border.detail.back")}</Link>
      </p>
      {encounter.error && <p role="alert">{encounter.error}</p>}
      {e && (
        <dl className="encounter-facts">
          <dt>{t("pages.border.field.date")}</dt>
          <dd>{dayIn(i18n.language, e.date)}</dd>
          <dt>{t("pages.border.field.citizenship")}</dt>
          <dd>{countryLabel(e.citizenship, i18n.language)}</dd>
          <dt>{t("pages.border.field.demographic")}</dt>
          <dd>{t(`pages.border.demographic.${e.demographic}`)}</dd>
          <dt>{t("pages.border.field.border")}</dt>
          <dd>{e.border ?? "—"}</dd>
          <dt>{t("pages.border.field.entry")}</dt>
          <dd>
            {t(`pages.border.entry.${e.entry}`)}
            {e.appointment ? `, ${t("pages.border.field.appointment").toLowerCase()}` : ""}
          </dd>
          {e.person ? (
            <>
              <dt>{t("pages.border.link.person")}</dt>
              <dd>
                {e.person.visible ? (
                  <Link to={`/registry/people/${e.person.id}`}>
                    {e.person.name ?? t("pages.border.link.person")}
                  </Link>
                ) : (
                  t("pages.border.link.hidden")
                )}
              </dd>
            </>
          ) : (
            <>
              <dt>{t("pages.border.field.givenNames")}</dt>
              <dd>{[e.givenNames, e.familyNames].filter(Boolean).join(" ")}</dd>
            </>
          )}
          <dt>{t("pages.border.field.residenceCountry")}</dt>
          <dd>
            {e.priorResidences
              .map((r) => {
                const span = [r.from, r.to].map((d) => (d ? dayIn(i18n.language, d) : "")).join("–");
                return `${countryLabel(r.country, i18n.language)}${span === "–" ? "" : ` ${span}`}`;
              })
              .join("; ")}
          </dd>
        </dl>
      )}
      {assessment.error && <p role="alert">{assessment.error}</p>}
      {assessment.data && <AssessmentPanel data={assessment.data} />}
      <SafeguardsPanel encounterId={id} data={safeguards.data} onChange={refresh} />
      <FamilyPanel key={id} encounterId={id} onChange={refresh} />
      <VerificationPanel encounterId={id} data={verifications.data} onChange={refresh} />
      {assessment.data && (
        <DecisionPanel
          encounterId={id}
          assessment={assessment.data}
          decisions={decisions.data}
          onChange={refresh}
        />
      )}
    </>
  );
}
