-- A conversation's earlier hand-offs (what the desk said last time), without a scan of the table.
CREATE INDEX handoffs_by_conversation ON handoffs (conversation_key, queued_at);
