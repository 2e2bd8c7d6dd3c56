import { describe, expect, it } from "vitest";
import { documentTypeOf, readDocument } from "./person-documents.ts";

describe("stored document types", () => {
  it.each([
    ["passport", "passport"],
    ["Pasaporte", "passport"],
    ["Cédula de ciudadanía", "national_id"],
    ["PPT", "col_ppt"],
    ["Permiso por Protección Temporal", "col_ppt"],
    ["CRNM", "bra_crnm"],
    ["TVRH", "mex_tvrh"],
    ["Acta de nacimiento", "birth_certificate"],
    ["unknown", "other"],
    ["carnet del club", "other"],
  ])("reads %j as %s", (text, code) => {
    expect(documentTypeOf(text)).toBe(code);
  });

  it("keeps the text an old record gave, and none for a listed code", () => {
    expect(
      readDocument({ type: "Pasaporte", number: "X1234", issuingCountry: "VEN", expiry: "2030" }),
    ).toEqual({
      type: "passport",
      typeAsWritten: "Pasaporte",
      number: "X1234",
      issuingCountry: "VEN",
      validFrom: null,
      expiry: "2030",
    });
    expect(readDocument({ type: "col_ppt", number: "P1234", validFrom: "2022-01-10" })).toMatchObject({
      type: "col_ppt",
      typeAsWritten: "",
      validFrom: "2022-01-10",
    });
  });
});
