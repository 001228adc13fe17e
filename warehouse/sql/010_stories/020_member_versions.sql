-- member_versions: every member of a story's originator (the source of its canonical article,
-- stories.canonical_source_id) with the number of the version it holds. a version is one
-- distinct text (body_hash) of the originator; versions are numbered 1, 2, ... by when they
-- appeared: modified_at (a write-through keeps its first version's published_at), else
-- published_at, else fetched_at; ties by article_id. repeat captures of one text share it.
-- materialized (like stories), so the views built on it do not re-rank every query.
create or replace table member_versions as

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
        and originator.body_hash = numbered.body_hash
order by originator.article_id;
