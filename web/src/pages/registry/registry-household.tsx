import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { HouseholdView, MemberRelationship } from "../../../../src/registry/households.contract.ts";
import { DuplicateCheck, type PersonView, SearchResult } from "../../../../src/registry/registry.contract.ts";
import { apiRequest } from "../../api.ts";
import { Link, navigate } from "../../router.tsx";
import { messageOf, useLoad } from "./use-registry.ts";

const Created = z.object({ id: z.string() });
type Relationship = z.infer<typeof MemberRelationship>;

/** The person's household: members with their relationship, adding a member (search first), splitting one out. */
export function RegistryHousehold({
  person,
  permissions,
  onChanged,
}: {
  person: PersonView;
  permissions: Set<string>;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const householdId = person.household?.id ?? null;
  const { data: h, reload } = useLoad(
    householdId ? `/registry/households/${householdId}` : null,
    HouseholdView,
  );
  const [message, setMessage] = useState<string | null>(null);
  const canWrite = permissions.has("person.write") && person.status === "active";
  const changed = () => {
    reload();
    onChanged();
  };
  const run = (fn: () => Promise<unknown>, done: string) =>
    fn()
      .then(() => {
        setMessage(done);
        changed();
      })
      .catch((e: unknown) => setMessage(messageOf(e)));

  return (
    <section aria-labelledby="registry-household">
      <h3 id="registry-household">{t("pages.registry.household.title")}</h3>
      {!householdId && (
        <>
          <p>{t("pages.registry.household.none")}</p>
          {canWrite && (
            <button
              type="button"
              onClick={() =>
                run(
                  () =>
                    apiRequest("/registry/households", { method: "POST", body: { principalId: person.id } }),
                  t("pages.registry.household.created"),
                )
              }
            >
              {t("pages.registry.household.create")}
            </button>
          )}
        </>
      )}
      {h && (
        <>
          <table>
            <caption>{t("pages.registry.household.members", { count: h.members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.registry.name")}</th>
                <th scope="col">{t("pages.registry.household.relationship")}</th>
                <th scope="col">{t("pages.registry.fields.dob")}</th>
                {canWrite && <th scope="col">{t("pages.registry.household.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {h.members.map((m) => (
                <tr key={m.personId}>
                  <td>
                    <Link to={`/registry/people/${m.personId}`}>{m.name ?? m.personId}</Link>
                  </td>
                  <td>{t(`pages.registry.household.relationships.${m.relationship}`)}</td>
                  <td>{m.birthDate ?? "—"}</td>
                  {canWrite && (
                    <td>
                      {h.members.length > 1 && (
                        <SplitMember
                          name={m.name ?? m.personId}
                          onSplit={(reason) =>
                            apiRequest(`/registry/households/${h.id}/members/${m.personId}/split`, {
                              method: "POST",
                              body: { reason },
                              schema: Created,
                            })
                              .then((c) => {
                                setMessage(t("pages.registry.household.splitDone"));
                                changed();
                                if (m.personId === person.id) navigate(`/registry/people/${person.id}`);
                                return c;
                              })
                              .catch((e: unknown) => setMessage(messageOf(e)))
                          }
                        />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {h.splitFrom && (
            <p>
              {t("pages.registry.household.splitFrom")}: {h.splitReason}
            </p>
          )}
          {canWrite && (
            <AddMember
              onAdd={(personId, relationship) =>
                run(
                  () =>
                    apiRequest(`/registry/households/${h.id}/members`, {
                      method: "POST",
                      body: { personId, relationship },
                    }),
                  t("pages.registry.household.added"),
                )
              }
            />
          )}
        </>
      )}
      <div role="status">{message}</div>
    </section>
  );
}

/** Asks why, then splits the member into a household of their own. */
function SplitMember({ name, onSplit }: { name: string; onSplit: (reason: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t("pages.registry.household.splitOf", { name })}
      >
        {t("pages.registry.household.split")}
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSplit(reason);
      }}
    >
      <label>
        {t("pages.registry.household.splitReason")}{" "}
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </label>
      <button type="submit">{t("pages.registry.household.splitConfirm")}</button>
    </form>
  );
}

const RELATIONSHIPS = MemberRelationship.options;

/**
 * Adding a member: search the registry first and link a person found; registering a new person runs the
 * registry's duplicate check first, and a person it finds is offered instead.
 */
function AddMember({ onAdd }: { onAdd: (personId: string, relationship: Relationship) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ given: "", surname: "", dob: "" });
  const [relationship, setRelationship] = useState<Relationship>("child");
  const [hits, setHits] = useState<z.infer<typeof SearchResult>["hits"] | null>(null);
  const [duplicates, setDuplicates] = useState<z.infer<typeof DuplicateCheck>["candidates"] | null>(null);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const input = () => ({
    givenNames: form.given.trim() ? form.given.trim().split(/\s+/) : [],
    surnames: form.surname.trim() ? form.surname.trim().split(/\s+/) : [],
    birthDate: form.dob.trim() || null,
  });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setDuplicates(null);
    const q = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim() !== ""));
    apiRequest(`/registry/search?${q.toString()}`, { schema: SearchResult })
      .then((r) => setHits(r.hits))
      .catch((e: unknown) => setMessage(messageOf(e)));
  };
  const register = () => {
    if (duplicates === null)
      return apiRequest("/registry/people/check", { method: "POST", body: input(), schema: DuplicateCheck })
        .then((c) => {
          if (c.candidates.length > 0) setDuplicates(c.candidates);
          else return create(null);
        })
        .catch((e: unknown) => setMessage(messageOf(e)));
    return create(reason);
  };
  const create = (overrideReason: string | null) =>
    apiRequest("/registry/people", { method: "POST", body: { ...input(), overrideReason }, schema: Created })
      .then((c) => onAdd(c.id, relationship))
      .catch((e: unknown) => setMessage(messageOf(e)));
  const field = (key: keyof typeof form, type = "text") => (
    <label style={{ display: "block" }}>
      {t(`pages.registry.fields.${key}`)}{" "}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <form onSubmit={search} aria-labelledby="registry-add-member">
      <h4 id="registry-add-member">{t("pages.registry.household.add")}</h4>
      <label style={{ display: "block" }}>
        {t("pages.registry.household.relationship")}{" "}
        <select value={relationship} onChange={(e) => setRelationship(e.target.value as Relationship)}>
          {RELATIONSHIPS.map((r) => (
            <option key={r} value={r}>
              {t(`pages.registry.household.relationships.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {field("given")}
      {field("surname")}
      {field("dob", "date")}
      <button type="submit">{t("pages.registry.household.searchFirst")}</button>
      {hits && (
        <ul aria-label={t("pages.registry.results", { count: hits.length })}>
          {hits.map((hit) => (
            <li key={hit.id}>
              {hit.name} {hit.birthDate ?? ""} ({t(`pages.registry.bands.${hit.band}`)}){" "}
              <button type="button" onClick={() => onAdd(hit.id, relationship)}>
                {t("pages.registry.household.link", { name: hit.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {hits && (
        <>
          {duplicates && duplicates.length > 0 && (
            <>
              <p>{t("pages.registry.duplicatesFound")}</p>
              <ul>
                {duplicates.map((d) => (
                  <li key={d.id}>
                    {d.name ?? t("pages.registry.otherOffice")} {d.birthDate ?? ""}{" "}
                    {d.visible && (
                      <button type="button" onClick={() => onAdd(d.id, relationship)}>
                        {t("pages.registry.household.link", { name: d.name ?? d.id })}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <label style={{ display: "block" }}>
                {t("pages.registry.overrideReason")}{" "}
                <input value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
            </>
          )}
          <button type="button" onClick={register}>
            {t("pages.registry.household.registerNew")}
          </button>
        </>
      )}
      <div role="alert">{message}</div>
    </form>
  );
}
