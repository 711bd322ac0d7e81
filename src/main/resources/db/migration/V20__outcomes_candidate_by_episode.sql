-- The outcomes report (GET /api/outcomes, /api/dashboard) reads, for every episode of the period, the reasons of the
-- case-finding candidate it came from (case_finding_candidate.episode_id). Without an index that is a scan of every
-- candidate of every run per episode: 1.25 ms per episode at 8,000 candidates, about 1.4 s for a PCN's 1,000 pathways
-- and, growing with both, minutes at 10,000 pathways and a year of monthly runs (BENCHMARKS.md, part 7).
create index case_finding_candidate_episode_idx on case_finding_candidate (episode_id);
