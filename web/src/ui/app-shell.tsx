import { type ReactNode, useRef } from "react";
import type { SessionUser } from "../../../src/platform/auth/auth.contract.ts";
import { CapabilityNav } from "./capability-nav.tsx";
import { useScrollableTables } from "./scrollable-tables.ts";
import { SignOutButton } from "./sign-out-button.tsx";
import { SiteHeader } from "./site-header.tsx";
import { UserSummary } from "./user-summary.tsx";

/** The signed-in layout: banner with the user and sign-out, the capability navigation, and the page. */
export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const content = useRef<HTMLElement>(null);
  useScrollableTables(content);
  return (
    <>
      <SiteHeader>
        <UserSummary user={user} />
        <SignOutButton />
      </SiteHeader>
      <div className="layout">
        <CapabilityNav />
        <main id="main" ref={content} tabIndex={-1} className="content">
          {children}
        </main>
      </div>
    </>
  );
}
