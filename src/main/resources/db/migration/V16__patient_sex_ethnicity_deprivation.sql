-- Issue 20: outcomes split by group. The register keeps what the FHIR Patient carries, when it carries it: the
-- administrative gender (male, female, other, unknown), the NHS ethnic category code of the UK Core EthnicCategory
-- extension (one letter, A to Z; 99 not known) and the IMD quintile (1 most deprived to 5) only when the address
-- carries one (ADR 0025). All three are null when not imported.
alter table patient add column sex varchar(10);
alter table patient add column ethnic_category varchar(2);
alter table patient add column imd_quintile integer;
alter table patient add constraint patient_sex_ck check (sex in ('male', 'female', 'other', 'unknown'));
alter table patient add constraint patient_imd_quintile_ck check (imd_quintile between 1 and 5);
