import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../src/platform/auth/auth.contract.ts";

/** Who is signed in: name, nation (and office) and roles, as a labelled description list. */
export function UserSummary({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const roles = user.roles.map((role) => t(`roles.${role}`)).join(", ");
  return (
    <section className="user-summary" aria-label={t("shell.userLabel")}>
      <p className="user-name">{user.displayName}</p>
      <dl>
        <div>
          <dt>{t("shell.nation")}</dt>
          <dd data-testid="user-nation">
            {user.nationName} ({user.nation})
          </dd>
        </div>
        {user.office && (
          <div>
            <dt>{t("shell.office")}</dt>
            <dd>{user.office}</dd>
          </div>
        )}
        <div>
          <dt>{t("shell.roles")}</dt>
          <dd data-testid="user-roles">{roles}</dd>
        </div>
      </dl>
    </section>
  );
}
