import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../session.tsx";
import { requestHeadingFocus, takeHeadingFocusRequest } from "./heading-focus.ts";

/** Ends the session on the server; the sign-in page then takes the focus. */
export function SignOutButton() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  const run = async () => {
    setPending(true);
    setFailed(false);
    try {
      requestHeadingFocus();
      await signOut();
    } catch {
      takeHeadingFocusRequest();
      setFailed(true);
      setPending(false);
    }
  };

  return (
    <div className="sign-out">
      <button type="button" className="button-secondary" onClick={run} disabled={pending}>
        {pending ? t("shell.signingOut") : t("shell.signOut")}
      </button>
      {failed && (
        <p role="alert" className="alert alert-compact">
          {t("shell.signOutFailed")}
        </p>
      )}
    </div>
  );
}
