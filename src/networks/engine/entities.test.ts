import { describe, expect, it } from "vitest";
import {
  createIdNormaliser,
  isIdentifierType,
  normaliseEntityId,
  normaliseEntityType,
  normalisePhone,
} from "./entities.ts";

describe("normaliseEntityType", () => {
  it.each([
    ["phone", "phone"],
    [" Phone ", "phone"],
    ["PHONES", "phone"],
    ["mobile", "phone"],
    ["phone number", "phone"],
    ["Bank-Account", "account"],
    ["persons", "person"],
    ["migrant", "person"],
    ["license plate", "plate"],
    ["bus_station", "waypoint"],
    ["stash house", "safehouse"],
    ["crypto wallet", "crypto_wallet"],
    ["Drone", "drone"],
  ])("%s → %s", (raw, expected) => {
    expect(normaliseEntityType(raw)).toBe(expected);
  });
});

describe("normalisePhone", () => {
  it.each([
    ["+52 55 1234 5678", undefined, "+525512345678"],
    ["+52-55-1234-5678", undefined, "+525512345678"],
    ["(+52) 5512345678", undefined, "+525512345678"],
    ["0052 55 1234 5678", undefined, "+525512345678"],
    ["55 1234 5678", "MX", "+525512345678"],
    ["+502 5123 4567", undefined, "+50251234567"],
    ["(202) 555-0143", "US", "+12025550143"],
    ["555-0143", undefined, "5550143"],
    ["+1 (12)", undefined, "+112"],
  ] as const)("%s (region %s) → %s", (raw, region, expected) => {
    expect(normalisePhone(raw, region)).toBe(expected);
  });
});

describe("normaliseEntityId", () => {
  it.each([
    ["account", "mx12 3456-7890", "MX1234567890"],
    ["plate", "abc-123", "ABC123"],
    ["handle", "@@El_Guia", "el_guia"],
    ["email", " Coyote@Example.COM ", "coyote@example.com"],
    ["alias", "  El   Flaco ", "el flaco"],
    ["address", "Calle 5 #12, Col. Centro", "calle 5 12 col centro"],
    ["address", "Avenida Juárez 10", "avenida juarez 10"],
    ["person", "  P-001 ", "P-001"],
    ["crypto_wallet", " 0xABC ", "0xABC"],
  ])("%s %s → %s", (type, raw, expected) => {
    expect(normaliseEntityId(type, raw)).toBe(expected);
  });

  it("memoises without changing the answer", () => {
    const normalise = createIdNormaliser({ defaultRegion: "MX" });
    expect(normalise("phone", "55 1234 5678")).toBe("+525512345678");
    expect(normalise("phone", "55 1234 5678")).toBe("+525512345678");
    expect(normalise("plate", "abc 1")).toBe("ABC1");
  });
});

describe("isIdentifierType", () => {
  it.each([
    ["phone", true],
    ["crypto_wallet", true],
    ["person", false],
    ["alias", false],
    ["waypoint", false],
    ["case", false],
  ])("%s → %s", (type, expected) => {
    expect(isIdentifierType(type)).toBe(expected);
  });
});
