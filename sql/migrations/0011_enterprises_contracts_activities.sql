-- Issue 13: enterprises and their collective contracts (集体合同), activities (技能竞赛、培训、
-- 文体活动) and clubs (文体队伍). Same walls as the registry: every table is scoped by an
-- office through app_sees, a row that points at another row may only point at one the writer
-- can see (0006), the columns that say where a row lives are not updatable by the app role,
-- and every write is audited.

------------------------------------------------------------------------------------------
-- An enterprise union can be an office of its own: a branch-level office (branch roles sit in
-- it) whose officer sees that enterprise's workers only.
ALTER TABLE offices DROP CONSTRAINT offices_kind_check,
    ADD CONSTRAINT offices_kind_check CHECK (kind IN ('district', 'area', 'branch', 'enterprise'));
ALTER TABLE offices DROP CONSTRAINT offices_branch_has_parent,
    ADD CONSTRAINT offices_branch_has_parent CHECK (parent_id IS NOT NULL OR kind NOT IN ('branch', 'enterprise'));

------------------------------------------------------------------------------------------
-- Enterprises: looked after by a branch (office_id); the credit code is unique area-wide, so
-- the constraint sees every branch's rows and its refusal names none.
CREATE TABLE enterprises (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id       uuid NOT NULL CONSTRAINT enterprises_office_fkey REFERENCES offices (id),
    union_office_id uuid CONSTRAINT enterprises_union_office_fkey REFERENCES offices (id),
    name            text NOT NULL CONSTRAINT enterprises_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    credit_code     text NOT NULL CONSTRAINT enterprises_credit_code_key UNIQUE
                        CONSTRAINT enterprises_credit_code_format CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    ownership       text NOT NULL CONSTRAINT enterprises_ownership_check CHECK (ownership IN ('public', 'private')),
    industry        text CONSTRAINT enterprises_industry_length CHECK (char_length(industry) <= 50),
    headcount       integer NOT NULL DEFAULT 0 CONSTRAINT enterprises_headcount_check CHECK (headcount BETWEEN 0 AND 1000000),
    has_union       boolean NOT NULL DEFAULT false,
    created_by      uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- An enterprise with its own union office has a union.
    CONSTRAINT enterprises_union_office_has_union CHECK (union_office_id IS NULL OR has_union)
);
CREATE INDEX enterprises_office_idx ON enterprises (office_id, name COLLATE "C", id);
CREATE UNIQUE INDEX enterprises_union_office_key ON enterprises (union_office_id) WHERE union_office_id IS NOT NULL;

-- Workers may name their enterprise beside the free-text employer.
ALTER TABLE workers ADD COLUMN employer_id uuid CONSTRAINT workers_employer_fkey REFERENCES enterprises (id);

------------------------------------------------------------------------------------------
-- Collective contracts. The office is the enterprise's branch when signed; `status` is what a
-- person did (signed, filed, effective, renewed, terminated); expiry and lateness are computed
-- from the dates, in the Asia/Shanghai calendar, by the application.
CREATE TABLE collective_contracts (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    enterprise_id  uuid NOT NULL CONSTRAINT collective_contracts_enterprise_fkey REFERENCES enterprises (id),
    office_id      uuid NOT NULL CONSTRAINT collective_contracts_office_fkey REFERENCES offices (id),
    kind           text NOT NULL CONSTRAINT collective_contracts_kind_check
                       CHECK (kind IN ('comprehensive', 'wage', 'female_protection', 'safety')),
    status         text NOT NULL DEFAULT 'signed' CONSTRAINT collective_contracts_status_check
                       CHECK (status IN ('signed', 'filed', 'effective', 'renewed', 'terminated')),
    signed_on      date NOT NULL,
    starts_on      date NOT NULL,
    ends_on        date NOT NULL,
    votes_for      integer NOT NULL,
    votes_total    integer NOT NULL,
    text_file      text CONSTRAINT collective_contracts_text_file_length CHECK (char_length(text_file) <= 300),
    filed_on       date,
    effective_on   date,
    -- The contract this one renews: of the same enterprise (the composite key below), so a row
    -- can't point at another branch's contract.
    renews_id      uuid,
    terminated_on  date,
    termination_reason text CONSTRAINT collective_contracts_reason_length CHECK (char_length(termination_reason) BETWEEN 1 AND 200),
    created_by     uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT collective_contracts_starts_after_signing CHECK (starts_on >= signed_on),
    -- Term 1–3 years: a one-year term starting 1 January ends 31 December.
    CONSTRAINT collective_contracts_term CHECK (ends_on >= starts_on + interval '1 year' - interval '1 day'
                                                AND ends_on <= starts_on + interval '3 years' - interval '1 day'),
    -- Passed by the workers' congress: more than half of all its members.
    CONSTRAINT collective_contracts_vote CHECK (votes_total > 0 AND votes_for BETWEEN 0 AND votes_total AND votes_for * 2 > votes_total),
    CONSTRAINT collective_contracts_filed_after_signing CHECK (filed_on IS NULL OR filed_on >= signed_on),
    CONSTRAINT collective_contracts_terminated_has_reason CHECK ((status = 'terminated') = (termination_reason IS NOT NULL)),
    CONSTRAINT collective_contracts_id_enterprise_key UNIQUE (id, enterprise_id),
    CONSTRAINT collective_contracts_renews_fkey FOREIGN KEY (renews_id, enterprise_id) REFERENCES collective_contracts (id, enterprise_id)
);
-- One live contract of a kind per enterprise; a renewal retires the old one first.
CREATE UNIQUE INDEX collective_contracts_one_live_per_kind ON collective_contracts (enterprise_id, kind)
    WHERE status IN ('signed', 'filed', 'effective');
-- A contract is renewed once.
CREATE UNIQUE INDEX collective_contracts_renewed_once ON collective_contracts (renews_id) WHERE renews_id IS NOT NULL;
CREATE INDEX collective_contracts_office_idx ON collective_contracts (office_id, id);
CREATE INDEX collective_contracts_enterprise_idx ON collective_contracts (enterprise_id);

------------------------------------------------------------------------------------------
-- Clubs (文体队伍) and their plan rule: so many activities a month, so many competitions a
-- season (defaults from the article: 月月有活动、季季有比赛).
CREATE TABLE clubs (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id               uuid NOT NULL CONSTRAINT clubs_office_fkey REFERENCES offices (id),
    name                    text NOT NULL CONSTRAINT clubs_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    sport                   text NOT NULL CONSTRAINT clubs_sport_check
                                CHECK (sport IN ('football', 'basketball', 'yoga', 'aerobics', 'cycling', 'table_tennis', 'badminton',
                                                 'tug_of_war', 'chess', 'billiards', 'singing', 'dance', 'hiking', 'other')),
    leader_id               uuid CONSTRAINT clubs_leader_fkey REFERENCES workers (id),
    activities_per_month    integer NOT NULL DEFAULT 1 CONSTRAINT clubs_activities_per_month_check CHECK (activities_per_month BETWEEN 0 AND 31),
    competitions_per_season integer NOT NULL DEFAULT 1 CONSTRAINT clubs_competitions_per_season_check CHECK (competitions_per_season BETWEEN 0 AND 92),
    created_by              uuid,
    created_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT clubs_office_name_key UNIQUE (office_id, name)
);

CREATE TABLE club_members (
    club_id   uuid NOT NULL CONSTRAINT club_members_club_fkey REFERENCES clubs (id) ON DELETE CASCADE,
    worker_id uuid NOT NULL CONSTRAINT club_members_worker_fkey REFERENCES workers (id),
    office_id uuid NOT NULL CONSTRAINT club_members_office_fkey REFERENCES offices (id),
    id        uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT club_members_id_key UNIQUE,
    CONSTRAINT club_members_pkey PRIMARY KEY (club_id, worker_id)
);

------------------------------------------------------------------------------------------
-- Activities belong to their organising office; co-organisers (other offices) see them, and
-- free-text partners (the township government, a company) are listed by name. Participants
-- are named workers (with a result) and/or a head count for the people not named.
CREATE TABLE activities (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id     uuid NOT NULL CONSTRAINT activities_office_fkey REFERENCES offices (id),
    kind          text NOT NULL CONSTRAINT activities_kind_check
                      CHECK (kind IN ('skills_competition', 'safety_training', 'fire_drill', 'food_safety_training', 'knowledge_contest',
                                      'cultural', 'sports', 'outing', 'other')),
    title         text NOT NULL CONSTRAINT activities_title_length CHECK (char_length(title) BETWEEN 1 AND 200),
    starts_on     date NOT NULL,
    ends_on       date NOT NULL,
    industry      text CONSTRAINT activities_industry_length CHECK (char_length(industry) <= 50),
    place         text CONSTRAINT activities_place_length CHECK (char_length(place) <= 200),
    partners      text[] NOT NULL DEFAULT '{}' CONSTRAINT activities_partners_count CHECK (cardinality(partners) <= 20),
    head_count    integer NOT NULL DEFAULT 0 CONSTRAINT activities_head_count_check CHECK (head_count BETWEEN 0 AND 1000000),
    competition   boolean NOT NULL DEFAULT false,
    club_id       uuid CONSTRAINT activities_club_fkey REFERENCES clubs (id),
    created_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activities_dates_order CHECK (ends_on >= starts_on AND ends_on <= starts_on + 366)
);
CREATE INDEX activities_office_idx ON activities (office_id, starts_on, id);

CREATE TABLE activity_co_organisers (
    activity_id uuid NOT NULL CONSTRAINT activity_co_organisers_activity_fkey REFERENCES activities (id) ON DELETE CASCADE,
    office_id   uuid NOT NULL CONSTRAINT activity_co_organisers_office_fkey REFERENCES offices (id),
    id          uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT activity_co_organisers_id_key UNIQUE,
    CONSTRAINT activity_co_organisers_pkey PRIMARY KEY (activity_id, office_id)
);
CREATE INDEX activity_co_organisers_office_idx ON activity_co_organisers (office_id);

CREATE TABLE activity_participants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    activity_id uuid NOT NULL CONSTRAINT activity_participants_activity_fkey REFERENCES activities (id) ON DELETE CASCADE,
    office_id   uuid NOT NULL CONSTRAINT activity_participants_office_fkey REFERENCES offices (id),
    worker_id   uuid NOT NULL CONSTRAINT activity_participants_worker_fkey REFERENCES workers (id),
    result      text CONSTRAINT activity_participants_result_length CHECK (char_length(result) <= 100),
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- A worker is named once per event (never counted twice).
    CONSTRAINT activity_participants_once UNIQUE (activity_id, worker_id)
);

------------------------------------------------------------------------------------------
-- Row-level security.
ALTER TABLE enterprises ENABLE ROW LEVEL SECURITY;
ALTER TABLE enterprises FORCE ROW LEVEL SECURITY;
CREATE POLICY enterprises_owner ON enterprises TO unionhall_owner USING (true) WITH CHECK (true);
-- The looking-after branch and the enterprise's own union office see it; a union office named
-- must be an enterprise office the writer can see.
CREATE POLICY enterprises_app_select ON enterprises FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR (union_office_id IS NOT NULL AND app_sees(union_office_id)));
CREATE POLICY enterprises_app_insert ON enterprises FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND (union_office_id IS NULL OR EXISTS (
        SELECT 1 FROM offices o WHERE o.id = enterprises.union_office_id AND o.kind = 'enterprise' AND app_sees(o.id))));
CREATE POLICY enterprises_app_update ON enterprises FOR UPDATE TO unionhall_app
    USING (app_sees(office_id))
    WITH CHECK (app_sees(office_id) AND (union_office_id IS NULL OR EXISTS (
        SELECT 1 FROM offices o WHERE o.id = enterprises.union_office_id AND o.kind = 'enterprise' AND app_sees(o.id))));
REVOKE UPDATE, DELETE ON enterprises FROM unionhall_app;
GRANT UPDATE (name, ownership, industry, headcount, has_union, union_office_id, updated_at) ON enterprises TO unionhall_app;

-- A worker's enterprise must be one the writer can see, or the one already stored: a worker
-- transferred to another branch keeps an employer that branch may not see, and must stay
-- editable there. Read as the owner (a policy on workers can't query workers itself); inside
-- the UPDATE's snapshot it sees the row as it was before the statement.
CREATE FUNCTION app_keeps_employer(p_worker uuid, p_employer uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM workers WHERE id = p_worker AND employer_id = p_employer) $$;
GRANT EXECUTE ON FUNCTION app_keeps_employer(uuid, uuid) TO unionhall_app;

ALTER POLICY workers_app ON workers
    USING (app_sees(office_id))
    WITH CHECK (app_sees(office_id) AND (employer_id IS NULL OR employer_id IN (SELECT id FROM enterprises)
                                         OR app_keeps_employer(id, employer_id)));

ALTER TABLE collective_contracts ENABLE ROW LEVEL SECURITY;
ALTER TABLE collective_contracts FORCE ROW LEVEL SECURITY;
CREATE POLICY collective_contracts_owner ON collective_contracts TO unionhall_owner USING (true) WITH CHECK (true);
-- Whoever sees the enterprise sees its contracts (its own union office included).
CREATE POLICY collective_contracts_app_select ON collective_contracts FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR enterprise_id IN (SELECT id FROM enterprises));
CREATE POLICY collective_contracts_app_insert ON collective_contracts FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND EXISTS (
        SELECT 1 FROM enterprises e WHERE e.id = collective_contracts.enterprise_id AND e.office_id = collective_contracts.office_id));
CREATE POLICY collective_contracts_app_update ON collective_contracts FOR UPDATE TO unionhall_app
    USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));
REVOKE UPDATE, DELETE ON collective_contracts FROM unionhall_app;
GRANT UPDATE (status, signed_on, starts_on, ends_on, votes_for, votes_total, text_file, filed_on, effective_on,
              terminated_on, termination_reason, updated_at) ON collective_contracts TO unionhall_app;

ALTER TABLE clubs ENABLE ROW LEVEL SECURITY;
ALTER TABLE clubs FORCE ROW LEVEL SECURITY;
CREATE POLICY clubs_owner ON clubs TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY clubs_app_select ON clubs FOR SELECT TO unionhall_app USING (app_sees(office_id));
CREATE POLICY clubs_app_insert ON clubs FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND (leader_id IS NULL OR leader_id IN (SELECT id FROM workers)));
REVOKE UPDATE, DELETE ON clubs FROM unionhall_app;

ALTER TABLE club_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE club_members FORCE ROW LEVEL SECURITY;
CREATE POLICY club_members_owner ON club_members TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY club_members_app_select ON club_members FOR SELECT TO unionhall_app USING (app_sees(office_id));
CREATE POLICY club_members_app_insert ON club_members FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND worker_id IN (SELECT id FROM workers) AND EXISTS (
        SELECT 1 FROM clubs c WHERE c.id = club_members.club_id AND c.office_id = club_members.office_id));
REVOKE UPDATE, DELETE ON club_members FROM unionhall_app;

-- Is the activity co-organised by an office in the caller's scope? Read as the owner so that
-- the activities policy and the co-organisers policy don't call each other forever; it says
-- nothing beyond yes or no about the caller's own offices.
CREATE FUNCTION app_co_organises(p_activity uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM activity_co_organisers WHERE activity_id = p_activity AND app_sees(office_id)) $$;
GRANT EXECUTE ON FUNCTION app_co_organises(uuid) TO unionhall_app;

ALTER TABLE activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE activities FORCE ROW LEVEL SECURITY;
CREATE POLICY activities_owner ON activities TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY activities_app_select ON activities FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR app_co_organises(id));
CREATE POLICY activities_app_insert ON activities FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND (club_id IS NULL OR EXISTS (
        SELECT 1 FROM clubs c WHERE c.id = activities.club_id AND c.office_id = activities.office_id)));
-- Only the organiser edits an event.
CREATE POLICY activities_app_update ON activities FOR UPDATE TO unionhall_app
    USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));
REVOKE UPDATE, DELETE ON activities FROM unionhall_app;
GRANT UPDATE (kind, title, starts_on, ends_on, industry, place, partners, head_count, competition, updated_at) ON activities TO unionhall_app;

ALTER TABLE activity_co_organisers ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_co_organisers FORCE ROW LEVEL SECURITY;
CREATE POLICY activity_co_organisers_owner ON activity_co_organisers TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY activity_co_organisers_app_select ON activity_co_organisers FOR SELECT TO unionhall_app
    USING (activity_id IN (SELECT id FROM activities));
-- The organiser names its co-organisers (any active office: a branch may invite another).
CREATE POLICY activity_co_organisers_app_insert ON activity_co_organisers FOR INSERT TO unionhall_app
    WITH CHECK (EXISTS (SELECT 1 FROM activities a WHERE a.id = activity_co_organisers.activity_id AND app_sees(a.office_id)));
REVOKE UPDATE, DELETE ON activity_co_organisers FROM unionhall_app;

ALTER TABLE activity_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY activity_participants_owner ON activity_participants TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY activity_participants_app_select ON activity_participants FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR activity_id IN (SELECT id FROM activities));
-- The organiser names participants among the workers it can see.
CREATE POLICY activity_participants_app_insert ON activity_participants FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND worker_id IN (SELECT id FROM workers) AND EXISTS (
        SELECT 1 FROM activities a WHERE a.id = activity_participants.activity_id AND a.office_id = activity_participants.office_id));
CREATE POLICY activity_participants_app_update ON activity_participants FOR UPDATE TO unionhall_app
    USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));
REVOKE UPDATE, DELETE ON activity_participants FROM unionhall_app;
GRANT UPDATE (result) ON activity_participants TO unionhall_app;

------------------------------------------------------------------------------------------
-- Audit.
CREATE TRIGGER enterprises_audit AFTER INSERT OR UPDATE OR DELETE ON enterprises FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER collective_contracts_audit AFTER INSERT OR UPDATE OR DELETE ON collective_contracts FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER clubs_audit AFTER INSERT OR UPDATE OR DELETE ON clubs FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER club_members_audit AFTER INSERT OR UPDATE OR DELETE ON club_members FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER activities_audit AFTER INSERT OR UPDATE OR DELETE ON activities FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER activity_co_organisers_audit AFTER INSERT OR UPDATE OR DELETE ON activity_co_organisers FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER activity_participants_audit AFTER INSERT OR UPDATE OR DELETE ON activity_participants FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
