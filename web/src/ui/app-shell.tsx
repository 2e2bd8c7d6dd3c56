import type { ReactNode } from "react";
import type { SessionUser } from "../../../src/platform/auth/auth.contract.ts";
import { CapabilityNav } from "./capability-nav.tsx";
import { SignOutButton } from "./sign-out-button.tsx";
import { SiteHeader } from "./site-header.tsx";
import { UserSummary } from "./user-summary.tsx";

/** The signed-in layout: banner with the user and sign-out, the capability navigation, and the page. */
export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <>
      <SiteHeader>
        <UserSummary user={user} />
        <SignOutButton />
      </SiteHeader>
      <div className="layout">
        <CapabilityNav />
        <main id="main" tabIndex={-1} className="content">
          {children}
        </main>
      </div>
    </>
  );
}
