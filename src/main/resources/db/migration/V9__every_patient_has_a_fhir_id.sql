-- Every patient is addressed by a FHIR Patient id outside the engine (ADR 0019). Patients entered here rather than
-- imported get an id of ours, 'local-<row id>' for those already registered ('local-<uuid>' for new ones), and the
-- column becomes required.
update patient set fhir_id = 'local-' || cast(id as varchar(20)) where fhir_id is null;
alter table patient alter column fhir_id set not null;
