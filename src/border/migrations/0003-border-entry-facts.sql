-- Facts the law at the border turns on: where the person was met (between ports or presenting at a port of
-- entry), an appointment to present there, a denial of protection in a transit country, an imminent threat at
-- entry, and a prior order of removal. Existing encounters read as met between ports with none of these.
alter table border_encounters
  add column entry text not null default 'between_ports' check (entry in ('between_ports', 'port_of_entry')),
  add column appointment boolean not null default false,
  add column denied_protection_in_transit boolean not null default false,
  add column imminent_threat boolean not null default false,
  add column prior_removal_order boolean not null default false;

-- Title 8 is more than one door, and partner nations receive, protect and return people under their own law:
-- decisions may record every disposition of the packs' shared vocabulary.
alter table border_decisions drop constraint border_decisions_disposition_check;
alter table border_decisions add constraint border_decisions_disposition_check check (disposition in (
  'expulsion', 'third_country_return', 'title8_processing', 'expedited_removal', 'notice_to_appear',
  'voluntary_return', 'reinstatement', 'mpp', 'readmission', 'assisted_return', 'deportation',
  'humanitarian_permit', 'temporary_protection', 'protection_referral'));
