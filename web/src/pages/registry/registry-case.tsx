import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CaseView } from "../../../../src/registry/cases.contract.ts";
import { apiRequest } from "../../api.ts";
import { Link } from "../../router.tsx";
import { messageOf, useLoad } from "./use-registry.ts";

/** One case: status, office, assignee, notes and the record of assignments and transfers. */
export function RegistryCase({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: c, error, reload } = useLoad(`/registry/cases/${id}`, CaseView);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const addNote = (event: FormEvent) => {
    event.preventDefault();
    apiRequest(`/registry/cases/${id}/notes`, { method: "POST", body: { body: note }, schema: CaseView })
      .then(() => {
        setNote("");
        reload();
      })
      .catch((e: unknown) => setMessage(messageOf(e)));
  };
  if (error) return <div role="alert">{error}</div>;
  if (!c) return <p>{t("loading")}</p>;
  return (
    <section aria-labelledby="registry-case">
      <h2 id="registry-case">{`${c.reference} · ${t(`pages.registry.myCases.types.${c.type}`)} · ${t(`pages.registry.myCases.statuses.${c.status}`)}`}</h2>
      <p>
        <Link to={`/registry/people/${c.personId}`}>{t("pages.registry.person")}</Link> ·{" "}
        {t("pages.registry.office")}: {c.officeId ?? "—"}
      </p>
      <h3>{t("pages.registry.notes")}</h3>
      <ul>
        {c.notes.map((n) => (
          <li key={n.id}>{`${n.at.slice(0, 10)}: ${n.body}`}</li>
        ))}
      </ul>
      <form onSubmit={addNote}>
        <label>
          {t("pages.registry.newNote")} <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit">{t("pages.registry.addNote")}</button>
      </form>
      <h3>{t("pages.registry.moves")}</h3>
      <ul>
        {c.moves.map((m) => (
          <li
            key={m.at + m.kind}
          >{`${m.at.slice(0, 10)} ${m.kind}: ${m.fromOffice ?? "—"} → ${m.toOffice ?? "—"} (${m.reason})`}</li>
        ))}
      </ul>
      <div role="alert">{message}</div>
    </section>
  );
}
