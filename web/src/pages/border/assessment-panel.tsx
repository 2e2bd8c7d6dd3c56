import { useTranslation } from "react-i18next";
import type { FamilyHold } from "../../../../src/border/border.contract.ts";
import type { EncounterAssessment } from "../../../../src/border/border-records.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { referenceOf } from "../../../../src/shared/reference-code.ts";
import type { Translate } from "../../error-text.ts";
import { Link } from "../../router.tsx";
import { authorityName, optionName } from "./border-words.ts";
import { CitationText } from "./citation-text.tsx";
import { ReasonList } from "./reason-text.tsx";

/**
 * A reason stored before reasons had codes: a family member's open safeguard in words with a link to that
 * member, else the English sentence as given.
 */
function StoredReason({ reason, holds }: { reason: string; holds: readonly FamilyHold[] }) {
  const { t } = useTranslation();
  const hold = holds.find((h) => h.reason === reason);
  if (!hold) return <span lang="en">{reason}</span>;
  const reference = referenceOf("encounter", hold.encounterId);
  return (
    <Link to={`/border/encounters/${hold.encounterId}`}>
      {t("pages.border.family.hold", { safeguard: t(`pages.border.safeguard.${hold.code}`), reference })}
    </Link>
  );
}

/** The sources behind a safeguard or a presumption, as a labelled list. */
function Sources({ citations, data }: { citations: string[]; data: EncounterAssessment }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t("pages.border.assessment.sources")}</summary>
      <ul>
        {citations.map((c) => (
          <li key={c}>
            <CitationText citation={c} sources={data.sources} packLanguage={data.pack.language} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The recommendation: authority in force, safeguards first, then every option with reasons and citations. */
export function AssessmentPanel({ data }: { data: EncounterAssessment }) {
  const { t, i18n } = useTranslation();
  const { assessment } = data;
  const packLanguage = data.pack.language;
  const tr = t as unknown as Translate;
  const option = (code: string, to: string | undefined) => optionName(tr, i18n.language, code, to);
  return (
    <section aria-labelledby="assessment-heading">
      <h2 id="assessment-heading">{t("pages.border.assessment.title")}</h2>
      <p>
        {t("pages.border.authority")}: <strong>{authorityName(tr, assessment.authority)}</strong> ·{" "}
        {t("pages.border.assessment.pack", {
          id: data.pack.packId,
          version: data.pack.version,
          status: data.pack.status,
        })}
      </p>
      {assessment.safeguards.length > 0 && (
        <div className="notice" role="status">
          <h3>{t("pages.border.assessment.safeguards")}</h3>
          <ul>
            {assessment.safeguards.map((s) => (
              <li key={s.code}>
                <strong>{t(`pages.border.safeguard.${s.code}`)}</strong>:{" "}
                <span lang={packLanguage}>{s.effect}</span>
                {s.citations.length > 0 && <Sources citations={s.citations} data={data} />}
              </li>
            ))}
          </ul>
        </div>
      )}
      {assessment.presumptions.length > 0 && (
        <div className="notice" role="status">
          <h3>{t("pages.border.assessment.presumptions")}</h3>
          <ul>
            {assessment.presumptions.map((p) => (
              <li key={p.code}>
                <span lang={packLanguage}>{p.effect}</span>
                <ReasonList reasons={p.reasons} explained={p.explained} packLanguage={packLanguage} />
                <Sources citations={p.citations} data={data} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {assessment.pendingChecks.length > 0 && (
        <p>
          {t("pages.border.assessment.pending")}:{" "}
          {assessment.pendingChecks.map((c) => countryLabel(c.country, i18n.language)).join(", ")}
        </p>
      )}
      <table className="data-table">
        <caption>{t("pages.border.assessment.options")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.border.assessment.option")}</th>
            <th scope="col">{t("pages.border.assessment.eligible")}</th>
            <th scope="col">{t("pages.border.assessment.reasons")}</th>
            <th scope="col">{t("pages.border.assessment.citations")}</th>
          </tr>
        </thead>
        <tbody>
          {assessment.dispositions.map((d) => (
            <tr key={`${d.code}-${d.to ?? ""}`}>
              <th scope="row">{option(d.code, d.to)}</th>
              <td>{d.eligible ? t("pages.border.yes") : t("pages.border.no")}</td>
              <td>
                <ReasonList
                  reasons={d.reasons}
                  explained={d.explained}
                  packLanguage={packLanguage}
                  dispositionName={option(d.code, d.to)}
                  fallback={(r) => <StoredReason reason={r} holds={assessment.familyHolds ?? []} />}
                />
              </td>
              <td>
                <ul>
                  {d.citations.map((c) => (
                    <li key={c}>
                      <CitationText citation={c} sources={data.sources} packLanguage={packLanguage} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
