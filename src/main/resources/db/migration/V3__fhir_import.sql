-- FHIR import: one FHIR Encounter can be two events (an emergency admission and, once finished, the discharge). The
-- discharge row takes the derived id '<Encounter id>#discharge', so encounter.fhir_id must hold a 64-character FHIR id
-- plus that suffix. SET DATA TYPE is understood by both PostgreSQL and H2.
alter table encounter alter column fhir_id set data type varchar(80);
