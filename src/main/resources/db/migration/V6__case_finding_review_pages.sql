-- A practice's review comes a page at a time: the first undecided candidates of a run and practice, most LTCs
-- first. Ordered in the index, a page reads its 20 rows instead of sorting the practice's whole list (4,000 rows at
-- 100,000 patients) each time a page opens. Runs and practices still find their rows by the index's first columns.
drop index case_finding_candidate_practice_idx;
create index case_finding_candidate_page_idx on case_finding_candidate (run_id, practice_id, ltc_count desc, id);
