import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { FamilyGroupView } from "../../../../src/border/border-links.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { Link } from "../../router.tsx";
import { dayIn } from "./border-words.ts";
import { EncounterForm } from "./encounter-form.tsx";
import { borderWrite, errorText, useBorderApi } from "./use-border-api.ts";

/**
 * The encounter's family group: each member's encounter and the safeguards open on it (a safeguard of any
 * member holds every member's returns). A member is added by recording them here or by naming a recorded
 * encounter.
 */
export function FamilyPanel({ encounterId, onChange }: { encounterId: string; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const family = useBorderApi(`/encounters/${encounterId}/family`, FamilyGroupView);
  const [adding, setAdding] = useState(false);
  const [other, setOther] = useState("");
  const [error, setError] = useState("");
  const group = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await borderWrite(
        `/encounters/${encounterId}/family`,
        "POST",
        { encounterId: other.trim() },
        FamilyGroupView,
      );
      setOther("");
      setError("");
      family.reload();
      onChange();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const members = family.data?.members ?? [];
  return (
    <section aria-labelledby="family-heading">
      <h2 id="family-heading">{t("pages.border.family.title")}</h2>
      {family.error && <p role="alert">{family.error}</p>}
      {members.length === 0 ? (
        <p>{t("pages.border.family.alone")}</p>
      ) : (
        <table>
          <caption>{t("pages.border.family.members")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pages.border.family.encounter")}</th>
              <th scope="col">{t("pages.border.field.demographic")}</th>
              <th scope="col">{t("pages.border.family.open")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.encounterId}>
                <td>
                  {m.encounterId === encounterId ? (
                    t("pages.border.family.this")
                  ) : (
                    <Link
                      to={`/border/encounters/${m.encounterId}`}
                    >{`${dayIn(i18n.language, m.date)} · ${countryLabel(m.citizenship, i18n.language)}`}</Link>
                  )}
                </td>
                <td>{t(`pages.border.demographic.${m.demographic}`)}</td>
                <td>
                  {m.openSafeguards.length === 0
                    ? "—"
                    : m.openSafeguards.map((s) => t(`pages.border.safeguard.${s}`)).join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={group} aria-label={t("pages.border.family.group")}>
        <div className="field">
          <label htmlFor="family-other">{t("pages.border.family.other")}</label>
          <input id="family-other" value={other} onChange={(e) => setOther(e.target.value)} required />
        </div>
        <button type="submit">{t("pages.border.family.group")}</button>
        {error && <p role="alert">{error}</p>}
      </form>
      {adding ? (
        <EncounterForm familyOf={encounterId} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t("pages.border.family.record")}
        </button>
      )}
    </section>
  );
}
