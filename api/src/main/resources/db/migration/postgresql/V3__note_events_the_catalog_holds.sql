-- Version 3: with the events in KurrentDB, a command's transaction notes each event whose catalog rows it
-- writes, beside those rows. The catalog follower (CatalogFollower) reads the log in order and drops each note
-- as it passes the event; an event it finds without a note lost its catalog rows with a failed commit, and
-- the follower writes them. Unused with the events in this database, where they share the transaction.
create table catalog_event (
    event_id varchar(64) primary key
);
