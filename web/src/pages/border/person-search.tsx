import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { DuplicateCheck, type PersonInput } from "../../../../src/registry/registry.contract.ts";
import { matchReasonText } from "../../ui/match-reason.ts";
import { borderWrite, errorText } from "./use-border-api.ts";

type Fields = Record<string, string>;
export interface ChosenPerson {
  id: string;
  name: string | null;
}

const words = (v: string | undefined) => (v ?? "").trim().split(/\s+/).filter(Boolean);

/** What the encounter form knows about the person, as the registry's duplicate check reads it. */
function personQuery(f: Fields): Partial<PersonInput> {
  const citizenship = (f.citizenship ?? "").trim().toUpperCase();
  const document = (f.documentNumber ?? "").trim();
  return {
    givenNames: words(f.givenNames),
    surnames: words(f.familyNames),
    ...(f.birthDate ? { birthDate: f.birthDate } : {}),
    ...(/^[A-Z]{3}$/.test(citizenship) ? { nationalities: [citizenship] } : {}),
    ...(document
      ? {
          documents: [
            {
              type: "passport",
              typeAsWritten: "",
              number: document,
              issuingCountry: null,
              validFrom: null,
              expiry: null,
            },
          ],
        }
      : {}),
  };
}

/**
 * Search-before-create: the registry suggests people with the reasons of each match; the officer links one.
 * Registering a new person is the registry's task (person.write, which border officers do not hold): without
 * a match the encounter is recorded with its own names and linked once the person is registered.
 */
export function PersonSearch({
  fields,
  chosen,
  onChoose,
}: {
  fields: Fields;
  chosen: ChosenPerson | null;
  onChoose: (person: ChosenPerson | null) => void;
}) {
  const { t } = useTranslation();
  const [found, setFound] = useState<z.infer<typeof DuplicateCheck>["candidates"] | null>(null);
  const [error, setError] = useState("");
  const search = async () => {
    try {
      const answer = await borderWrite("/person-matches", "POST", personQuery(fields), DuplicateCheck);
      setFound(answer.candidates);
      setError("");
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section aria-labelledby="person-search-heading">
      <h3 id="person-search-heading">{t("pages.border.link.title")}</h3>
      <p>{t("pages.border.link.explain")}</p>
      {chosen ? (
        <p role="status">
          {t("pages.border.link.linked", { name: chosen.name ?? chosen.id })}{" "}
          <button type="button" onClick={() => onChoose(null)}>
            {t("pages.border.link.unlink")}
          </button>
        </p>
      ) : (
        <button type="button" onClick={search}>
          {t("pages.border.link.search")}
        </button>
      )}
      {error && <p role="alert">{error}</p>}
      {!chosen && found && found.length === 0 && <p role="status">{t("pages.border.link.none")}</p>}
      {!chosen && found && found.length > 0 && (
        <table>
          <caption>{t("pages.border.link.candidates")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pages.border.link.person")}</th>
              <th scope="col">{t("pages.border.link.band")}</th>
              <th scope="col">{t("pages.border.link.reasons")}</th>
              <th scope="col">{t("pages.border.link.action")}</th>
            </tr>
          </thead>
          <tbody>
            {found.map((c) => (
              <tr key={c.id}>
                <td>{c.visible ? `${c.name ?? ""} ${c.birthDate ?? ""}` : t("pages.border.link.hidden")}</td>
                <td>
                  {t(`pages.registry.bands.${c.band}`)} ({Math.round(c.score * 100)}%)
                </td>
                <td>{c.reasons.map((r) => matchReasonText(r, t)).join(", ")}</td>
                <td>
                  <button type="button" onClick={() => onChoose({ id: c.id, name: c.name })}>
                    {t("pages.border.link.choose")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!chosen && found && <p>{t("pages.border.link.create")}</p>}
    </section>
  );
}
