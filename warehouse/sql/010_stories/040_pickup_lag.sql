-- pickup_lag: every copy of a story, one row per member whose source is not the story's
-- originator (stories.canonical_source_id), whatever its relation label, with minutes after the
-- originator's first version (stories.first_version_at). the originator's own versions are in
-- story_versions; version is the one the copy was taken from (copy_versions). materialized
-- and sorted by date (the copy's partition) in each segment: filter on date to skip row groups.
create or replace table pickup_lag as

with final as (

    select
        member_articles.date,
        member_articles.story_id,
        stories.wire_service,
        stories.title,
        member_articles.article_id,
        member_articles.source_id,
        member_articles.url,
        member_articles.relation,
        member_articles.similarity,
        member_articles.published_at,
        member_articles.copy_of,
        copy_versions.version,
        member_articles.wire_service as copy_wire_service,
        member_articles.credit_line,
        stories.canonical_article_id,
        stories.canonical_source_id,
        stories.first_version_at,
        member_articles.published_at - stories.first_version_at as lag,
        epoch(member_articles.published_at) / 60.0
        - epoch(stories.first_version_at) / 60.0 as lag_minutes
    from member_articles
    inner join stories
        on member_articles.story_id = stories.story_id
    left join copy_versions
        on member_articles.article_id = copy_versions.article_id
    where member_articles.source_id is distinct from stories.canonical_source_id

)

select * from final
order by date, story_id, article_id;
