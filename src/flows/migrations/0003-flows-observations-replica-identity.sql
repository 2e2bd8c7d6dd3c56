-- Figures have no key of their own (two equal figures of one release are two figures), and publishing a
-- release updates them. A table that is updated needs a replica identity for logical replication, which is how
-- a distributed deployment moves a nation's shard to another worker while it keeps writing (docs/scale.md).
-- The whole row is the identity: this changes no data and rewrites nothing.
alter table flow_observations replica identity full;
