-- SMS (issue 14): phones that replied TD, per-phone send counts, messages and their receipts;
-- and the SMS an outbox row carries (template and parameters), NULL for a chat-only row.
CREATE TABLE sms_opt_outs (
  phone text COLLATE "C" PRIMARY KEY,
  at text COLLATE "C" NOT NULL
);
CREATE TABLE sms_send_counts (
  phone text COLLATE "C" PRIMARY KEY,
  counter jsonb NOT NULL
);
CREATE TABLE sms_messages (
  serial_no text COLLATE "C" PRIMARY KEY,
  message jsonb NOT NULL
);
ALTER TABLE outbox ADD COLUMN sms jsonb;
