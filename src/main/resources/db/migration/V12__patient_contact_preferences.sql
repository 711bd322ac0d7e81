-- How the person prefers to be contacted, from the FHIR Patient: the preferred phone number and email address
-- (telecom, lowest rank first, old numbers left out) and the preferred language (communication with preferred true).
-- Shown on Tasklist's Patient tab (ADR 0021); null when the source gave none.
alter table patient add column phone varchar(40);
alter table patient add column email varchar(200);
alter table patient add column preferred_language varchar(100);
