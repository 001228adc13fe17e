-- story_versions: the originator's own successive texts of each story, one row per version
-- (numbered in member_versions), with the copies taken from it (pickup_lag). materialized,
-- sorted by story_id in each segment.
create or replace table story_versions as

with copied as (

    select
        story_id,
        version,
        count(*) as n_copies,
        list(distinct source_id order by source_id) as copied_by
    from pickup_lag
    where version is not null
    group by story_id, version

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
