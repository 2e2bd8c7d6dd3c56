import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../src/platform/auth/auth.contract.ts";
import { canOpen } from "./pages/capabilities.ts";
import { NotFoundPage } from "./pages/not-found/not-found-page.tsx";
import { OverviewPage } from "./pages/overview/overview-page.tsx";
import { PortalApp } from "./pages/portal/portal-app.tsx";
import { capabilityAt, capabilityPage } from "./pages/routes.ts";
import { SignInPage } from "./pages/sign-in/sign-in-page.tsx";
import { usePath } from "./router.tsx";
import { useSession } from "./session.tsx";
import { AppShell } from "./ui/app-shell.tsx";
import { NotAvailablePage } from "./ui/not-available-page.tsx";

/** Sign-in while nobody is signed in (the address is kept, so the page asked for opens afterwards). */
export function App() {
  const { t } = useTranslation();
  const { state } = useSession();
  // The public pathways portal needs no account: it lives outside the staff shell.
  if (usePath().startsWith("/portal")) return <PortalApp />;
  if (state.status === "loading") {
    return (
      <p className="boot" aria-busy="true">
        {t("loading")}
      </p>
    );
  }
  if (state.status === "signed-out") return <SignInPage expired={state.expired} />;
  return <SignedIn user={state.user} />;
}

function SignedIn({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const path = usePath();
  const capability = capabilityAt(path);
  const Page = capability ? capabilityPage(capability) : undefined;
  // A section the user's roles do not open says so, instead of a page whose every request is refused.
  const refused = capability !== undefined && !canOpen(capability, user.permissions);
  return (
    <AppShell user={user}>
      <Suspense fallback={<p aria-busy="true">{t("loading")}</p>}>
        {path === "/" ? (
          <OverviewPage />
        ) : refused ? (
          <NotAvailablePage title={t(`nav.${capability}`)} />
        ) : Page ? (
          <Page />
        ) : (
          <NotFoundPage />
        )}
      </Suspense>
    </AppShell>
  );
}
