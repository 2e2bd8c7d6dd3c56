import { describe, expect, it } from "vitest";
import { systemScope, userScope } from "../auth/scope.ts";
import { auditActor } from "./audit.ts";

const officer = userScope({
  tenantId: "USA",
  userId: "11111111-1111-4111-8111-111111111111",
  actorLabel: "officer@usa.gov",
  officeId: null,
  roles: ["caseworker"],
});

describe("the actor an audit event names", () => {
  it.each([
    ["its own chain", officer, "USA", { user: officer.userId, label: "officer@usa.gov" }],
    ["another nation's chain", officer, "MEX", { user: null, label: "nation:USA" }],
    [
      "a command on its own chain",
      systemScope("COL", "import"),
      "COL",
      { user: null, label: "system:import" },
    ],
    ["a command on another chain", systemScope("COL", "import"), "GTM", { user: null, label: "nation:COL" }],
  ])("on %s", (_, scope, chain, expected) => {
    expect(auditActor(scope, chain)).toEqual(expected);
  });
});
