import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type EntityRole,
  entityRoles,
  RoleChange,
  type RoledEntityView,
} from "../../../../src/networks/networks.contract.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";

/** What an entity is to the investigation, and, for those who may write, the form that sets it (audited). */
export function EntityRoleControl({ entity, onChanged }: { entity: RoledEntityView; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const user = useSignedInUser();
  const [role, setRole] = useState<EntityRole>(entity.role);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const mayWrite = user.permissions.includes("network.write");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError("");
    setBusy(true);
    apiRequest(`/networks/entities/${entity.id}/role`, {
      method: "PUT",
      body: { role },
      schema: RoleChange,
    }).then(
      () => {
        setBusy(false);
        onChanged();
      },
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };
  return (
    <div className="entity-role">
      <p>
        {t("pages.networks.roles.current")} <RoleBadge role={entity.role} />
      </p>
      {mayWrite && (
        <form onSubmit={submit} className="networks-search" aria-label={t("pages.networks.roles.form")}>
          <div className="field">
            <label htmlFor={`${id}-role`}>{t("pages.networks.roles.label")}</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as EntityRole)}>
              {entityRoles.map((name) => (
                <option key={name} value={name}>
                  {t(`pages.networks.roles.names.${name}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button-secondary" disabled={busy || role === entity.role}>
            {t("pages.networks.roles.set")}
          </button>
        </form>
      )}
      <p className="hint">{t("pages.networks.roles.hint")}</p>
      {error && <p className="alert">{error}</p>}
    </div>
  );
}

/** A role in words; `unknown` reads as "role not decided". */
export function RoleBadge({ role }: { role: EntityRole }) {
  const { t } = useTranslation();
  return <strong className={`role role-${role}`}>{t(`pages.networks.roles.names.${role}`)}</strong>;
}

/** The victims or the clients of a community, listed apart from its suspects and key actors. */
export function RoleSection({
  title,
  entities,
  none,
  onOpen,
}: {
  title: string;
  entities: RoledEntityView[];
  none: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      {entities.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul>
          {entities.map((e) => (
            <li key={e.id}>
              <button type="button" className="button-secondary" onClick={() => onOpen(e.id)}>
                {t(`pages.networks.types.${e.type}`, { defaultValue: e.type })} {e.value}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
