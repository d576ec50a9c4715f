-- Version 4: the directory read model (projections/directory), rebuildable from the events at any time: what
-- people find things by (artists by handle or name, collaborations and their submissions, allocations by release
-- and state, payout runs with their payments and deferrals), and the names answers give beside an artist's id.
-- Every row keeps the global position of the event that created it: lists page by it, a stable order that new
-- events only ever extend. A forgotten artist's handle and display name are erased here (null, erased = true).
create table directory_artist (
    artist_id    varchar(36)  primary key,
    position     bigint       not null,
    handle       varchar(32),
    display_name varchar(100),
    erased       boolean      not null
);
create unique index ux_directory_artist_position on directory_artist (position);

create table directory_collaboration (
    collaboration_id varchar(36)  primary key,
    position         bigint       not null,
    title            varchar(200) not null,
    theme            varchar(200) not null,
    closed           boolean      not null
);
create unique index ux_directory_collaboration_position on directory_collaboration (position);

create table directory_submission (
    collaboration_id varchar(36) not null,
    record_id        varchar(36) not null,
    position         bigint      not null,
    primary key (collaboration_id, record_id)
);
create index ix_directory_submission_record on directory_submission (record_id);

create table directory_allocation (
    allocation_id varchar(36) primary key,
    position      bigint      not null,
    release_id    varchar(36) not null,
    currency      varchar(3)  not null,
    pool          bigint      not null,
    state         varchar(16) not null,
    revision      integer     not null
);
create unique index ux_directory_allocation_position on directory_allocation (position);
create index ix_directory_allocation_release on directory_allocation (release_id, position);

-- The artists holding a line of an allocation's current split: an artist-only reader lists only those.
create table directory_allocation_artist (
    allocation_id varchar(36) not null,
    artist_id     varchar(36) not null,
    primary key (allocation_id, artist_id)
);
create index ix_directory_allocation_artist on directory_allocation_artist (artist_id);

create table directory_payout_run (
    run_id     varchar(36) primary key,
    position   bigint      not null,
    currency   varchar(3)  not null,
    threshold  bigint      not null,
    rail       varchar(40) not null,
    started_at varchar(40) not null
);
create unique index ux_directory_payout_run_position on directory_payout_run (position);

create table directory_payment (
    payment_id varchar(36) primary key,
    position   bigint      not null,
    run_id     varchar(36) not null,
    artist_id  varchar(36) not null,
    currency   varchar(3)  not null,
    amount     bigint      not null,
    state      varchar(16) not null
);
create unique index ux_directory_payment_position on directory_payment (position);
create index ix_directory_payment_run on directory_payment (run_id, position);
create index ix_directory_payment_artist on directory_payment (artist_id, position);

create table directory_deferral (
    run_id    varchar(36) not null,
    artist_id varchar(36) not null,
    position  bigint      not null,
    balance   bigint      not null,
    primary key (run_id, artist_id)
);

-- Records and releases are listed from the lineage and release read models' tables, in the same order.
create index ix_lineage_record_creator on lineage_record (creator_id, recorded_at);
create index ix_release_view_opened on release_view (opened_at);
