-- Reference host schema: a faithful subset of the ODS/API 7.3 (Data Standard 5.2) PostgreSQL schema
-- for ed-fi/sessions and what a session depends on. Same file on PGlite and on a PostgreSQL server.
-- Natural keys, foreign keys (ON UPDATE CASCADE where ODS allows key changes), the change-version
-- sequence and the tracked-change rows live here, as in ODS (CONTRACT.md §5, §6), not in JS. One
-- deliberate gap: a session and its child rows carry no foreign keys to the seeded reference tables
-- (see edfi.session below).

CREATE SCHEMA IF NOT EXISTS edfi;
CREATE SCHEMA IF NOT EXISTS changes;
CREATE SCHEMA IF NOT EXISTS tracked_changes_edfi;

-- One global sequence, as ODS's changes.ChangeVersionSequence: every insert, update, delete and
-- key change draws the next value. availableChangeVersions.newestChangeVersion = its last value.
CREATE SEQUENCE changes.changeversionsequence START WITH 1;

-- GET-many order in 7.3 is the hidden AggregateId: an int sequence per table starting at int.MinValue.
CREATE SEQUENCE edfi.session_aggregateid_seq AS integer MINVALUE -2147483648 START WITH -2147483648;
CREATE SEQUENCE edfi.courseoffering_aggregateid_seq AS integer MINVALUE -2147483648 START WITH -2147483648;
CREATE SEQUENCE edfi.section_aggregateid_seq AS integer MINVALUE -2147483648 START WITH -2147483648;

CREATE TABLE edfi.descriptor (
  descriptorid      SERIAL PRIMARY KEY,
  namespace         VARCHAR(255) NOT NULL,
  codevalue         VARCHAR(50)  NOT NULL,
  shortdescription  VARCHAR(75)  NOT NULL,
  discriminator     VARCHAR(128) NOT NULL,           -- 'edfi.TermDescriptor', 'edfi.GradingPeriodDescriptor'
  id                UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  lastmodifieddate  TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion     BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence'),
  UNIQUE (discriminator, namespace, codevalue)
);

CREATE TABLE edfi.school (
  schoolid           BIGINT       PRIMARY KEY,
  nameofinstitution  VARCHAR(75)  NOT NULL,
  id                 UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  lastmodifieddate   TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion      BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence')
);

CREATE TABLE edfi.schoolyeartype (
  schoolyear             SMALLINT     PRIMARY KEY,
  schoolyeardescription  VARCHAR(50)  NOT NULL,
  currentschoolyear      BOOLEAN      NOT NULL,
  id                     UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  lastmodifieddate       TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion          BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence')
);

CREATE TABLE edfi.gradingperiod (
  gradingperioddescriptorid  INTEGER      NOT NULL REFERENCES edfi.descriptor (descriptorid),
  gradingperiodname          VARCHAR(60)  NOT NULL,
  schoolid                   BIGINT       NOT NULL REFERENCES edfi.school (schoolid),
  schoolyear                 SMALLINT     NOT NULL REFERENCES edfi.schoolyeartype (schoolyear),
  begindate                  DATE         NOT NULL,
  enddate                    DATE         NOT NULL,
  periodsequence             INTEGER,
  totalinstructionaldays     INTEGER      NOT NULL,
  id                         UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  lastmodifieddate           TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion              BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence'),
  PRIMARY KEY (gradingperioddescriptorid, gradingperiodname, schoolid, schoolyear)
);

CREATE TABLE edfi.academicweek (
  schoolid                BIGINT       NOT NULL REFERENCES edfi.school (schoolid),
  weekidentifier          VARCHAR(80)  NOT NULL,
  begindate               DATE         NOT NULL,
  enddate                 DATE         NOT NULL,
  totalinstructionaldays  INTEGER      NOT NULL,
  id                      UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  lastmodifieddate        TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion           BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence'),
  PRIMARY KEY (schoolid, weekidentifier)
);

CREATE TABLE edfi.course (
  coursecode               VARCHAR(60)  NOT NULL,
  educationorganizationid  BIGINT       NOT NULL REFERENCES edfi.school (schoolid),
  coursetitle              VARCHAR(60)  NOT NULL,
  numberofparts            INTEGER      NOT NULL,
  id                       UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  lastmodifieddate         TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion            BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence'),
  PRIMARY KEY (coursecode, educationorganizationid)
);

-- No foreign keys from a session or its child rows to the seeded reference tables (school, school
-- year, descriptor, grading period, academic week), unlike ODS: those rows are seeded, nothing
-- updates or deletes them (no route writes them), and every write resolves each reference before
-- it stores anything (routes/sessions/references.ts: 400 for a descriptor, 409
-- unresolved-reference for the rest), so such a key could never refuse a row. Each one was still a
-- query and a row lock inside every insert: on PGlite the five of them were about a quarter of a
-- POST's statement. The keys between a session and its children and dependents stay (they cascade
-- key changes and deletes, and block deleting a session that has course offerings).
CREATE TABLE edfi.session (
  schoolid                BIGINT       NOT NULL,
  schoolyear              SMALLINT     NOT NULL,
  sessionname             VARCHAR(60)  NOT NULL,
  begindate               DATE         NOT NULL,
  enddate                 DATE         NOT NULL,
  termdescriptorid        INTEGER      NOT NULL,
  totalinstructionaldays  INTEGER      NOT NULL CHECK (totalinstructionaldays >= 0),
  aggregateid             INTEGER      NOT NULL DEFAULT nextval('edfi.session_aggregateid_seq') UNIQUE,
  id                      UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  createdate              TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  lastmodifieddate        TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion           BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence'),
  PRIMARY KEY (schoolid, schoolyear, sessionname)
);

-- Children: the child rows carry the session's schoolid/schoolyear (key unification), so a grading
-- period or academic week is always looked up under the session's school; a reference to another
-- school's period is answered 400 before anything is stored (validation/session-body.ts).
CREATE TABLE edfi.sessiongradingperiod (
  schoolid                   BIGINT       NOT NULL,
  schoolyear                 SMALLINT     NOT NULL,
  sessionname                VARCHAR(60)  NOT NULL,
  gradingperioddescriptorid  INTEGER      NOT NULL,
  gradingperiodname          VARCHAR(60)  NOT NULL,
  createdate                 TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  PRIMARY KEY (schoolid, schoolyear, sessionname, gradingperioddescriptorid, gradingperiodname),
  FOREIGN KEY (schoolid, schoolyear, sessionname) REFERENCES edfi.session (schoolid, schoolyear, sessionname)
    ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE edfi.sessionacademicweek (
  schoolid        BIGINT       NOT NULL,
  schoolyear      SMALLINT     NOT NULL,
  sessionname     VARCHAR(60)  NOT NULL,
  weekidentifier  VARCHAR(80)  NOT NULL,
  createdate      TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  PRIMARY KEY (schoolid, schoolyear, sessionname, weekidentifier),
  FOREIGN KEY (schoolid, schoolyear, sessionname) REFERENCES edfi.session (schoolid, schoolyear, sessionname)
    ON UPDATE CASCADE ON DELETE CASCADE
);

-- A dependent of session: a key change cascades into it; its existence blocks a session DELETE
-- (no ON DELETE action → the API answers 409 dependent-item-exists).
CREATE TABLE edfi.courseoffering (
  localcoursecode          VARCHAR(60)  NOT NULL,
  schoolid                 BIGINT       NOT NULL REFERENCES edfi.school (schoolid),
  schoolyear               SMALLINT     NOT NULL,
  sessionname              VARCHAR(60)  NOT NULL,
  coursecode               VARCHAR(60)  NOT NULL,
  educationorganizationid  BIGINT       NOT NULL,
  localcoursetitle         VARCHAR(60),
  instructionaltimeplanned INTEGER      CHECK (instructionaltimeplanned >= 1),
  aggregateid              INTEGER      NOT NULL DEFAULT nextval('edfi.courseoffering_aggregateid_seq') UNIQUE,
  id                       UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  createdate               TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  lastmodifieddate         TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion            BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence'),
  PRIMARY KEY (localcoursecode, schoolid, schoolyear, sessionname),
  FOREIGN KEY (schoolid, schoolyear, sessionname) REFERENCES edfi.session (schoolid, schoolyear, sessionname)
    ON UPDATE CASCADE,
  FOREIGN KEY (coursecode, educationorganizationid) REFERENCES edfi.course (coursecode, educationorganizationid)
);

-- A dependent of course offering, served only so that a course-offering DELETE can meet one: its
-- key holds the offering's key, which follows the offering's key change (ON UPDATE CASCADE, as ODS's
-- FK_Section_CourseOffering: the offering's key changes when its session is renamed), and its
-- existence blocks an offering DELETE (no ON DELETE action → the API answers 409
-- dependent-item-exists). Not tracked: the host serves no /deletes or /keyChanges for it.
CREATE TABLE edfi.section (
  sectionidentifier        VARCHAR(255) NOT NULL,
  localcoursecode          VARCHAR(60)  NOT NULL,
  schoolid                 BIGINT       NOT NULL,
  schoolyear               SMALLINT     NOT NULL,
  sessionname              VARCHAR(60)  NOT NULL,
  sectionname              VARCHAR(100),
  aggregateid              INTEGER      NOT NULL DEFAULT nextval('edfi.section_aggregateid_seq') UNIQUE,
  id                       UUID         NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  createdate               TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  lastmodifieddate         TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  changeversion            BIGINT       NOT NULL DEFAULT nextval('changes.changeversionsequence'),
  PRIMARY KEY (sectionidentifier, localcoursecode, schoolid, schoolyear, sessionname),
  FOREIGN KEY (localcoursecode, schoolid, schoolyear, sessionname)
    REFERENCES edfi.courseoffering (localcoursecode, schoolid, schoolyear, sessionname) ON UPDATE CASCADE
);

-- Tracked changes, as ODS's tracked_changes_edfi.session: a delete writes old keys with null new
-- keys; a key change writes old and new keys. Both draw a change version.
CREATE TABLE tracked_changes_edfi.session (
  oldschoolid     BIGINT      NOT NULL,
  oldschoolyear   SMALLINT    NOT NULL,
  oldsessionname  VARCHAR(60) NOT NULL,
  newschoolid     BIGINT,
  newschoolyear   SMALLINT,
  newsessionname  VARCHAR(60),
  id              UUID        NOT NULL,
  changeversion   BIGINT      NOT NULL,
  createdate      TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  PRIMARY KEY (changeversion)
);

CREATE TABLE tracked_changes_edfi.courseoffering (
  oldlocalcoursecode  VARCHAR(60) NOT NULL,
  oldschoolid         BIGINT      NOT NULL,
  oldschoolyear       SMALLINT    NOT NULL,
  oldsessionname      VARCHAR(60) NOT NULL,
  newlocalcoursecode  VARCHAR(60),
  newschoolid         BIGINT,
  newschoolyear       SMALLINT,
  newsessionname      VARCHAR(60),
  id                  UUID        NOT NULL,
  changeversion       BIGINT      NOT NULL,
  createdate          TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  PRIMARY KEY (changeversion)
);

-- Every UPDATE of a tracked row draws a new change version and moves lastmodifieddate (ODS: BEFORE
-- UPDATE trigger), so a cascaded key change also refreshes the dependents' _lastModifiedDate.
-- lastmodifieddate strictly increases per row (at least +1 µs) so two writes in the same clock tick
-- still get distinct ETags. The transaction-local setting 'edfi.freeze_changeversion' = 'on' keeps
-- the session row's old change version: the seam a fault uses to model a sessions update trigger
-- that forgets to bump it. The rows a key change cascades into (course offerings) keep their own
-- trigger's behaviour: that fault is about the session's trigger, not every table's.
CREATE FUNCTION changes.bump_changeversion() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'session' AND coalesce(current_setting('edfi.freeze_changeversion', true), '') = 'on' THEN
    NEW.changeversion := OLD.changeversion;
  ELSE
    NEW.changeversion := nextval('changes.changeversionsequence');
  END IF;
  IF NEW.lastmodifieddate = OLD.lastmodifieddate THEN
    NEW.lastmodifieddate := greatest((clock_timestamp() AT TIME ZONE 'utc')::timestamp(6),
                                     OLD.lastmodifieddate + interval '1 microsecond');
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER session_bump_changeversion BEFORE UPDATE ON edfi.session
  FOR EACH ROW EXECUTE FUNCTION changes.bump_changeversion();
CREATE TRIGGER courseoffering_bump_changeversion BEFORE UPDATE ON edfi.courseoffering
  FOR EACH ROW EXECUTE FUNCTION changes.bump_changeversion();
CREATE TRIGGER section_bump_changeversion BEFORE UPDATE ON edfi.section
  FOR EACH ROW EXECUTE FUNCTION changes.bump_changeversion();

CREATE FUNCTION tracked_changes_edfi.session_tracked() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO tracked_changes_edfi.session (oldschoolid, oldschoolyear, oldsessionname, id, changeversion)
    VALUES (OLD.schoolid, OLD.schoolyear, OLD.sessionname, OLD.id, nextval('changes.changeversionsequence'));
    RETURN OLD;
  END IF;
  IF (OLD.schoolid, OLD.schoolyear, OLD.sessionname) IS DISTINCT FROM (NEW.schoolid, NEW.schoolyear, NEW.sessionname) THEN
    INSERT INTO tracked_changes_edfi.session
      (oldschoolid, oldschoolyear, oldsessionname, newschoolid, newschoolyear, newsessionname, id, changeversion)
    VALUES (OLD.schoolid, OLD.schoolyear, OLD.sessionname, NEW.schoolid, NEW.schoolyear, NEW.sessionname,
            OLD.id, nextval('changes.changeversionsequence'));
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER session_tracked_delete AFTER DELETE ON edfi.session
  FOR EACH ROW EXECUTE FUNCTION tracked_changes_edfi.session_tracked();
CREATE TRIGGER session_tracked_keychange AFTER UPDATE ON edfi.session
  FOR EACH ROW EXECUTE FUNCTION tracked_changes_edfi.session_tracked();

CREATE FUNCTION tracked_changes_edfi.courseoffering_tracked() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO tracked_changes_edfi.courseoffering
      (oldlocalcoursecode, oldschoolid, oldschoolyear, oldsessionname, id, changeversion)
    VALUES (OLD.localcoursecode, OLD.schoolid, OLD.schoolyear, OLD.sessionname, OLD.id,
            nextval('changes.changeversionsequence'));
    RETURN OLD;
  END IF;
  IF (OLD.localcoursecode, OLD.schoolid, OLD.schoolyear, OLD.sessionname)
     IS DISTINCT FROM (NEW.localcoursecode, NEW.schoolid, NEW.schoolyear, NEW.sessionname) THEN
    INSERT INTO tracked_changes_edfi.courseoffering
      (oldlocalcoursecode, oldschoolid, oldschoolyear, oldsessionname,
       newlocalcoursecode, newschoolid, newschoolyear, newsessionname, id, changeversion)
    VALUES (OLD.localcoursecode, OLD.schoolid, OLD.schoolyear, OLD.sessionname,
            NEW.localcoursecode, NEW.schoolid, NEW.schoolyear, NEW.sessionname,
            OLD.id, nextval('changes.changeversionsequence'));
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER courseoffering_tracked_delete AFTER DELETE ON edfi.courseoffering
  FOR EACH ROW EXECUTE FUNCTION tracked_changes_edfi.courseoffering_tracked();
CREATE TRIGGER courseoffering_tracked_keychange AFTER UPDATE ON edfi.courseoffering
  FOR EACH ROW EXECUTE FUNCTION tracked_changes_edfi.courseoffering_tracked();
