-- Every store of OneVisit. Times are kept as the ISO strings the stores hand out (UTC, "Z"),
-- so they round-trip exactly and sort as text; text keys sort by code point (COLLATE "C"),
-- as the other backends sort them.

-- Bot Framework Storage (ConversationState, UserState) with eTags.
CREATE TABLE bot_state (
  key text COLLATE "C" PRIMARY KEY,
  etag text NOT NULL,
  item jsonb NOT NULL
);

CREATE TABLE unanswered (
  key text COLLATE "C" PRIMARY KEY,
  example text NOT NULL,
  count integer NOT NULL,
  first_at text COLLATE "C" NOT NULL,
  last_at text COLLATE "C" NOT NULL
);

CREATE TABLE feedback_totals (
  entry_id text COLLATE "C" PRIMARY KEY,
  helpful integer NOT NULL,
  not_helpful integer NOT NULL,
  last_at text COLLATE "C" NOT NULL
);

CREATE TABLE feedback_recent (
  seq bigserial PRIMARY KEY,
  feedback jsonb NOT NULL
);

-- One counter row per Beijing day (yyyymmdd, as in the number): case numbers restart at 0001 each day, taken in the same
-- transaction as the insert (row lock), so two instances never give out one number.
CREATE TABLE case_days (
  day text COLLATE "C" PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE cases (
  case_no text COLLATE "C" PRIMARY KEY,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  status text NOT NULL,
  stage text NOT NULL,
  -- When the case entered its stage (`stageSince`): the overdue watch's index.
  stage_since text COLLATE "C" NOT NULL,
  id_key text COLLATE "C" NOT NULL,
  user_key text COLLATE "C" NOT NULL,
  submission_id text COLLATE "C" UNIQUE,
  has_pending boolean NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX cases_created ON cases (created_at DESC, case_no DESC);
CREATE INDEX cases_status ON cases (status, created_at DESC);
CREATE INDEX cases_id_key ON cases (id_key);
CREATE INDEX cases_user_key ON cases (user_key);
CREATE INDEX cases_pending ON cases (updated_at) WHERE has_pending;
CREATE INDEX cases_waiting ON cases (stage, stage_since, case_no) WHERE status <> 'closed';
CREATE INDEX cases_items ON cases USING gin ((record -> 'items') jsonb_path_ops);

CREATE TABLE call_days (
  day text COLLATE "C" PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE calls (
  id text COLLATE "C" PRIMARY KEY,
  at text COLLATE "C" NOT NULL,
  follow_up_needed boolean NOT NULL,
  follow_up_done boolean NOT NULL,
  call jsonb NOT NULL
);
CREATE INDEX calls_at ON calls (at);
CREATE INDEX calls_pending ON calls (at) WHERE follow_up_needed AND NOT follow_up_done;

CREATE TABLE drafts (
  form text COLLATE "C" NOT NULL,
  user_key text COLLATE "C" NOT NULL,
  draft jsonb NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (form, user_key)
);

-- `booked` is kept in the session row and changed only by a conditional UPDATE
-- (booked < capacity), so the last place goes to exactly one of any number of instances.
CREATE TABLE slot_sessions (
  id text COLLATE "C" PRIMARY KEY,
  hospital_id text COLLATE "C" NOT NULL,
  date text COLLATE "C" NOT NULL,
  part text COLLATE "C" NOT NULL,
  capacity integer NOT NULL,
  booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
  closed boolean NOT NULL DEFAULT false
);
CREATE INDEX slot_sessions_date ON slot_sessions (date, part, hospital_id);

CREATE TABLE bookings (
  id text COLLATE "C" PRIMARY KEY,
  slot_id text COLLATE "C" NOT NULL REFERENCES slot_sessions (id),
  case_no text COLLATE "C" NOT NULL,
  user_key text NOT NULL,
  category text NOT NULL,
  status text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  cancelled_at text COLLATE "C"
);
-- A case holds at most one active booking, whichever instance books it.
CREATE UNIQUE INDEX bookings_one_active ON bookings (case_no) WHERE status = 'active';
CREATE INDEX bookings_slot ON bookings (slot_id) WHERE status = 'active';

CREATE TABLE outbox (
  seq bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  dedupe_key text COLLATE "C" NOT NULL UNIQUE,
  case_no text COLLATE "C",
  conversation jsonb NOT NULL,
  recipient text NOT NULL,
  text text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  due_at text COLLATE "C" NOT NULL,
  attempts integer NOT NULL,
  status text NOT NULL,
  last_error text,
  delivered_at text COLLATE "C",
  -- Claimed by one instance's scheduler until then (FOR UPDATE SKIP LOCKED in claimDue).
  lease_until text COLLATE "C"
);
CREATE INDEX outbox_due ON outbox (due_at, seq) WHERE status = 'pending';
CREATE INDEX outbox_status ON outbox (status, seq);
CREATE INDEX outbox_case ON outbox (case_no, seq);

CREATE TABLE subscriptions (
  case_no text COLLATE "C" NOT NULL,
  user_key text COLLATE "C" NOT NULL,
  ord bigserial,
  subscription jsonb NOT NULL,
  PRIMARY KEY (case_no, user_key)
);

CREATE TABLE opted_out (
  user_key text COLLATE "C" PRIMARY KEY,
  at text NOT NULL
);

CREATE TABLE check_failures (
  key text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL
);
CREATE INDEX check_failures_key ON check_failures (key, at);

CREATE TABLE job_state (
  name text COLLATE "C" PRIMARY KEY,
  last_run text COLLATE "C" NOT NULL
);

-- One row per daily job and day: the instance that inserts it (or takes over a lapsed lease) runs the job.
CREATE TABLE job_runs (
  name text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  lease_until text COLLATE "C" NOT NULL,
  done boolean NOT NULL DEFAULT false,
  PRIMARY KEY (name, day)
);

CREATE TABLE dl_conversations (
  id text COLLATE "C" PRIMARY KEY,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  members jsonb NOT NULL,
  next_seq integer NOT NULL
);
CREATE INDEX dl_conversations_updated ON dl_conversations (updated_at);

CREATE TABLE dl_activities (
  conversation_id text COLLATE "C" NOT NULL REFERENCES dl_conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  activity jsonb NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

CREATE TABLE files (
  id text COLLATE "C" PRIMARY KEY,
  bytes bytea NOT NULL
);

-- Fingerprints of the secrets every instance must share (never the secrets themselves).
CREATE TABLE shared_secrets (
  name text COLLATE "C" PRIMARY KEY,
  fingerprint text NOT NULL
);
