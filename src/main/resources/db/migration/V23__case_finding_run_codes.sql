-- The LTC code list as a case-finding run read it (ADR 0030, amended): each candidate's evidence stores the codes
-- and dates of its conditions, and their category and term are read from here when the evidence is shown, so the
-- GP sees the terms the search saw even after the code list changes. About 200 rows a run.
create table case_finding_run_code (
    run_id       bigint       not null references case_finding_run (id),
    snomed_code  varchar(18)  not null,
    ltc_category varchar(100) not null,
    term         varchar(255) not null,
    constraint case_finding_run_code_pk primary key (run_id, snomed_code)
);
