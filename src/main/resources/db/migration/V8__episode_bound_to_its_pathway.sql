-- The server decides whose record a pathway step writes (ADR 0017): every step finds its episode by the pathway's
-- process instance, and the episode names the practice that owns it, fixed when it opened.
alter table episode add column practice_id bigint references practice (id);
update episode set practice_id = (select p.practice_id from patient p where p.id = episode.patient_id);
alter table episode alter column practice_id set not null;
create unique index episode_process_instance_idx on episode (process_instance_id);

-- Who asked for the closure (the clinician who reported a death or a move, agreed closure, or decided to close after
-- no response), so the audit names the person even though the closure itself runs later as a job.
alter table episode add column closure_requested_by varchar(64);
