-- Issue 18: the most complex patients first, and why. Each candidate keeps its Cambridge Multimorbidity Score
-- (general outcome, MultimorbidityScore), the conditions it is made of ('condition:weight|...', heaviest first) and the
-- evidence the rules saw when it was found (JSON: coded conditions, frailty records, admissions and discharges), so
-- the GP sees what the search saw even after the record changes. Candidates found before this have score 0 and no
-- evidence.
alter table case_finding_candidate add column cms_score numeric(5, 2) default 0 not null;
alter table case_finding_candidate add column cms_breakdown varchar(1000);
alter table case_finding_candidate add column evidence varchar(16000);

-- A practice's review page is now its first undecided candidates by score, then LTC count (V6 ordered by count only).
drop index case_finding_candidate_page_idx;
create index case_finding_candidate_page_idx
    on case_finding_candidate (run_id, practice_id, cms_score desc, ltc_count desc, id);
