-- An override's time is taken when the row is written, not when its transaction began. Two officers moving
-- one family at once are serialised by the assignment's row lock; with now() the one that waited could carry
-- the earlier time and the history would read out of order. clock_timestamp() follows the lock's order.
alter table placement_overrides alter column created_at set default clock_timestamp();
