-- Agents at the desk across instances (issue 13): a row per open console, renewed by its
-- instance's heartbeat; a killed instance's rows stop counting when their lease lapses.
CREATE TABLE desk_presence (
  stream text COLLATE "C" PRIMARY KEY,
  agent text COLLATE "C" NOT NULL,
  lease_until text COLLATE "C" NOT NULL
);
CREATE INDEX desk_presence_lease ON desk_presence (lease_until);
