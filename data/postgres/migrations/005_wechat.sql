-- The WeChat official-account channel (issue 14): its followers and the pushes it has taken.
CREATE TABLE wechat_followers (
  open_id text PRIMARY KEY,
  subscribed boolean NOT NULL,
  last_message_at timestamptz
);
CREATE TABLE wechat_deliveries (
  key text PRIMARY KEY,
  taken_at timestamptz NOT NULL
);
CREATE INDEX wechat_deliveries_taken ON wechat_deliveries (taken_at);
