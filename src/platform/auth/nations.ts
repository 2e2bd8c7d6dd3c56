/** The tenants: the declaration's signatories of 10 June 2022, Guyana (joined later) and the secretariat. */
export const SEED_TENANTS: {
  id: string;
  name: string;
  kind: "nation" | "secretariat";
  joinedOn: string | null;
}[] = [
  { id: "ARG", name: "Argentina", kind: "nation", joinedOn: "2022-06-10" },
  { id: "BRB", name: "Barbados", kind: "nation", joinedOn: "2022-06-10" },
  { id: "BLZ", name: "Belize", kind: "nation", joinedOn: "2022-06-10" },
  { id: "BRA", name: "Brazil", kind: "nation", joinedOn: "2022-06-10" },
  { id: "CAN", name: "Canada", kind: "nation", joinedOn: "2022-06-10" },
  { id: "CHL", name: "Chile", kind: "nation", joinedOn: "2022-06-10" },
  { id: "COL", name: "Colombia", kind: "nation", joinedOn: "2022-06-10" },
  { id: "CRI", name: "Costa Rica", kind: "nation", joinedOn: "2022-06-10" },
  { id: "ECU", name: "Ecuador", kind: "nation", joinedOn: "2022-06-10" },
  { id: "SLV", name: "El Salvador", kind: "nation", joinedOn: "2022-06-10" },
  { id: "GTM", name: "Guatemala", kind: "nation", joinedOn: "2022-06-10" },
  { id: "HTI", name: "Haiti", kind: "nation", joinedOn: "2022-06-10" },
  { id: "HND", name: "Honduras", kind: "nation", joinedOn: "2022-06-10" },
  { id: "JAM", name: "Jamaica", kind: "nation", joinedOn: "2022-06-10" },
  { id: "MEX", name: "Mexico", kind: "nation", joinedOn: "2022-06-10" },
  { id: "PAN", name: "Panama", kind: "nation", joinedOn: "2022-06-10" },
  { id: "PRY", name: "Paraguay", kind: "nation", joinedOn: "2022-06-10" },
  { id: "PER", name: "Peru", kind: "nation", joinedOn: "2022-06-10" },
  { id: "USA", name: "United States", kind: "nation", joinedOn: "2022-06-10" },
  { id: "URY", name: "Uruguay", kind: "nation", joinedOn: "2022-06-10" },
  // Guyana endorsed the declaration after its signing; the exact date is recorded as unknown here.
  { id: "GUY", name: "Guyana", kind: "nation", joinedOn: null },
  { id: "REG", name: "Regional secretariat", kind: "secretariat", joinedOn: null },
];
