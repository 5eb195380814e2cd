-- The 12345 desk (issue 12): agent accounts and sessions, hand-offs, 好差评 ratings.

CREATE TABLE agents (
  name text COLLATE "C" PRIMARY KEY,
  account jsonb NOT NULL
);

-- Only the token's SHA-256 is kept.
CREATE TABLE agent_sessions (
  token_hash text COLLATE "C" PRIMARY KEY,
  expires_at text COLLATE "C" NOT NULL,
  session jsonb NOT NULL
);
CREATE INDEX agent_sessions_expires ON agent_sessions (expires_at);

-- Hand-off (HO) and rating (PJ) numbers: one counter row each, taken in the insert's transaction.
CREATE TABLE desk_counters (
  name text COLLATE "C" PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE handoffs (
  id text COLLATE "C" PRIMARY KEY,
  seq integer NOT NULL,
  conversation_key text COLLATE "C" NOT NULL,
  status text NOT NULL,
  queued_at text COLLATE "C" NOT NULL,
  handoff jsonb NOT NULL
);
-- One open hand-off per conversation, whichever instance opens it.
CREATE UNIQUE INDEX handoffs_one_open ON handoffs (conversation_key) WHERE status IN ('queued', 'active', 'callback');
CREATE INDEX handoffs_queue ON handoffs (status, seq);

CREATE TABLE ratings (
  id text COLLATE "C" PRIMARY KEY,
  seq integer NOT NULL,
  conversation_key text COLLATE "C" NOT NULL,
  status text NOT NULL,
  asked_at text COLLATE "C" NOT NULL,
  rating jsonb NOT NULL
);
-- One pending rating request per conversation.
CREATE UNIQUE INDEX ratings_one_pending ON ratings (conversation_key) WHERE status <> 'done';
CREATE INDEX ratings_asked ON ratings (asked_at, seq);
