import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { Role } from "../../../../src/platform/auth/auth.contract.ts";
import { UserList, UserView } from "../../../../src/platform/auth/users.contract.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";
import { LoadStatus } from "../../ui/load-status.tsx";
import { PageHeading } from "../../ui/page-heading.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { messageOf, useLoad } from "../registry/use-registry.ts";
import { rolesOffered } from "./roles-offered.ts";

type User = z.infer<typeof UserView>;

/** Users and roles: the nation's accounts, a new user, and a user's roles changed (never one's own). */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const { data, error, reload } = useLoad("/users", UserList);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    setEditing(null);
    reload();
  };
  const roleNames = (roles: readonly Role[]) => roles.map((role) => t(`roles.${role}`)).join(", ");
  return (
    <>
      <PageHeading title={t("pages.users.title")} />
      <p>{t("pages.users.intro", { nation: me.nationName })}</p>
      <p role="status">{message}</p>
      <CreateUser onCreated={(email) => done(t("pages.users.created", { email }))} />
      <section aria-labelledby="users-list">
        <h2 id="users-list">{t("pages.users.listTitle")}</h2>
        <LoadStatus error={error} loaded={data !== null} />
        {data && (
          <table className="data-table" data-testid="users-table">
            <caption>{t("pages.users.caption", { count: data.users.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pages.users.email")}</th>
                <th scope="col">{t("pages.users.name")}</th>
                <th scope="col">{t("pages.users.office")}</th>
                <th scope="col">{t("pages.users.roles")}</th>
                <th scope="col">{t("pages.users.state")}</th>
                <th scope="col">{t("pages.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.email}</th>
                  <td>{user.displayName}</td>
                  <td>{user.officeId ?? "—"}</td>
                  <td>
                    {editing === user.id ? (
                      <RolesEditor
                        user={user}
                        onSaved={() => done(t("pages.users.rolesChanged", { email: user.email }))}
                        onCancel={() => setEditing(null)}
                      />
                    ) : (
                      roleNames(user.roles)
                    )}
                  </td>
                  <td>
                    {user.disabled
                      ? t("pages.users.disabled")
                      : user.kind === "service"
                        ? t("pages.users.service")
                        : t("pages.users.active")}
                  </td>
                  <td>
                    {user.kind === "person" && user.id !== me.id && editing !== user.id && (
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t("pages.users.changeRolesOf", { email: user.email })}
                        onClick={() => setEditing(user.id)}
                      >
                        {t("pages.users.changeRoles")}
                      </button>
                    )}
                    {user.id === me.id && t("pages.users.you")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function RoleChoices({
  legend,
  chosen,
  onChange,
}: {
  legend: string;
  chosen: readonly Role[];
  onChange: (roles: Role[]) => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const toggle = (role: Role, on: boolean) =>
    onChange(on ? [...chosen, role] : chosen.filter((r) => r !== role));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {rolesOffered(me.nation).map((role) => (
        <label key={role} style={{ display: "block" }}>
          <input
            type="checkbox"
            checked={chosen.includes(role)}
            onChange={(e) => toggle(role, e.target.checked)}
          />{" "}
          {t(`roles.${role}`)}
        </label>
      ))}
    </fieldset>
  );
}

function RolesEditor({ user, onSaved, onCancel }: { user: User; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>([...user.roles]);
  const [error, setError] = useState<string | null>(null);
  const save = () =>
    apiRequest(`/users/${user.id}/roles`, { method: "PUT", body: { roles }, schema: UserView })
      .then(onSaved)
      .catch((e: unknown) => setError(messageOf(e)));
  return (
    <div>
      <RoleChoices
        legend={t("pages.users.rolesOf", { email: user.email })}
        chosen={roles}
        onChange={setRoles}
      />
      <div role="alert">{error}</div>
      <button type="button" className="button-primary" onClick={save} disabled={roles.length === 0}>
        {t("pages.users.saveRoles")}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t("pages.users.cancel")}
      </button>
    </div>
  );
}

const EMPTY = { email: "", displayName: "", officeId: "", password: "" };

function CreateUser({ onCreated }: { onCreated: (email: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(EMPTY);
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const body = {
      email: form.email,
      displayName: form.displayName,
      roles,
      ...(form.officeId.trim() ? { officeId: form.officeId.trim() } : {}),
      ...(form.password ? { password: form.password } : {}),
    };
    apiRequest("/users", { method: "POST", body, schema: UserView })
      .then((created) => {
        setForm(EMPTY);
        setRoles([]);
        onCreated(created.email);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };
  const field = (key: keyof typeof EMPTY, type = "text", required = false) => (
    <TextField
      id={`new-user-${key}`}
      label={t(`pages.users.fields.${key}`)}
      type={type}
      required={required}
      value={form[key]}
      onChange={(value) => setForm({ ...form, [key]: value })}
    />
  );
  return (
    <section aria-labelledby="users-create">
      <h2 id="users-create">{t("pages.users.createTitle")}</h2>
      <form onSubmit={submit}>
        {field("email", "email", true)}
        {field("displayName", "text", true)}
        {field("officeId")}
        {field("password", "password")}
        <RoleChoices legend={t("pages.users.newRoles")} chosen={roles} onChange={setRoles} />
        <div role="alert">{error}</div>
        <button type="submit" className="button-primary" disabled={roles.length === 0}>
          {t("pages.users.create")}
        </button>
      </form>
    </section>
  );
}
