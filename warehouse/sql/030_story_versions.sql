-- member_versions: every member of a story's originator (the source of its canonical article,
-- stories.canonical_source_id) with the number of the version it holds. a version is one
-- distinct text (body_hash) of the originator; versions are numbered 1, 2, ... by when they
-- appeared: modified_at (a write-through keeps its first version's published_at), else
-- published_at, else fetched_at; ties by article_id. repeat captures of one text share it.
create or replace view member_versions as

with originator as (

    select
        member_articles.story_id,
        member_articles.article_id,
        member_articles.body_hash,
        member_articles.date,
        coalesce(
            member_articles.modified_at,
            member_articles.published_at,
            member_articles.fetched_at
        ) as version_at
    from member_articles
    inner join stories
        on
            member_articles.story_id = stories.story_id
            and member_articles.source_id = stories.canonical_source_id

),

texts as (

    select
        story_id,
        body_hash,
        min(version_at) as version_at,
        arg_min(article_id, [epoch_us(version_at)::varchar, article_id]) as first_article_id
    from originator
    group by story_id, body_hash

),

numbered as (

    select
        story_id,
        body_hash,
        version_at,
        first_article_id,
        row_number() over (
            partition by story_id order by version_at, first_article_id
        ) as version
    from texts

)

select
    originator.story_id,
    originator.article_id,
    originator.date,
    cast(numbered.version as integer) as version,
    numbered.first_article_id as version_article_id
from originator
inner join numbered
    on
        originator.story_id = numbered.story_id
        and originator.body_hash = numbered.body_hash;

-- copy_versions: every copy (a member from another source than the originator) with the
-- version it was taken from, following copy_of to an originator member, or through one copy
-- (a copy of a copy, e.g. a farm spinning an outlet's copy) to one. NULL when copy_of is NULL or
-- leads nowhere within two steps.
create or replace view copy_versions as

with copies as (

    select
        member_articles.story_id,
        member_articles.article_id,
        member_articles.copy_of,
        member_articles.date
    from member_articles
    inner join stories
        on member_articles.story_id = stories.story_id
    where member_articles.source_id is distinct from stories.canonical_source_id

)

select
    copies.story_id,
    copies.article_id,
    copies.date,
    copies.copy_of,
    coalesce(direct.version, via_copy.version) as version
from copies
left join member_versions as direct
    on copies.copy_of = direct.article_id
left join story_members as hop
    on direct.article_id is null and copies.copy_of = hop.article_id
left join member_versions as via_copy
    on hop.copy_of = via_copy.article_id;

-- story_versions: the originator's own successive texts of each story, one row per version
-- (numbered in member_versions), with the copies taken from it (copy_versions).
create or replace view story_versions as

with copied as (

    select
        copy_versions.story_id,
        copy_versions.version,
        count(*) as n_copies,
        list(distinct articles.source_id order by articles.source_id) as copied_by
    from copy_versions
    inner join articles
        on
            copy_versions.article_id = articles.article_id
            and copy_versions.date = articles.date
    where copy_versions.version is not null
    group by copy_versions.story_id, copy_versions.version

),

versions as (

    select
        story_id,
        version,
        any_value(version_article_id) as article_id,
        count(*) as n_captures
    from member_versions
    group by story_id, version

),

final as (

    select
        versions.story_id,
        versions.version,
        member_articles.relation,
        versions.article_id,
        member_articles.source_id,
        member_articles.url,
        member_articles.title,
        member_articles.published_at,
        member_articles.modified_at,
        coalesce(
            member_articles.modified_at,
            member_articles.published_at,
            member_articles.fetched_at
        ) as version_at,
        member_articles.fetched_at,
        member_articles.word_count,
        member_articles.body_hash,
        versions.n_captures,
        coalesce(copied.n_copies, 0) as n_copies,
        coalesce(copied.copied_by, []) as copied_by,
        member_articles.date
    from versions
    inner join member_articles
        on versions.article_id = member_articles.article_id
    left join copied
        on
            versions.story_id = copied.story_id
            and versions.version = copied.version

)

select * from final
order by story_id, version;
