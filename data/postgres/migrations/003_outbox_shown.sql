-- How a row is shown (issue 12): a live agent reply, its one-tap buttons, the agent's name.
-- NULL for plain status updates.
ALTER TABLE outbox ADD COLUMN shown jsonb;
