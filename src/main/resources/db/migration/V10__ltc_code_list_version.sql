-- The LTC code list may be expanded from a SNOMED CT release (LtcConditions): a code found that way names the listed
-- concept it descends from. The loaded list's version is kept, and every case-finding run records the version it used.
alter table ltc_condition add column descends_from varchar(18);

create table ltc_code_list (
    id        integer      not null primary key,
    version   varchar(100) not null,
    codes     integer      not null,
    loaded_at timestamp    not null
);

alter table case_finding_run add column code_list_version varchar(100);
