-- pickup_lag: every copy of a story carried by a source (relation duplicate, trimmed or derived)
-- and how long after the story's canonical article it was published. versions (original,
-- update) are in story_versions. filter on date (the member's partition) to prune partitions.
create or replace view pickup_lag as

with carried as (

    select
        date,
        story_id,
        article_id,
        source_id,
        url,
        relation,
        similarity,
        published_at
    from member_articles
    where relation in ('duplicate', 'trimmed', 'derived')

),

final as (

    select
        carried.date,
        carried.story_id,
        stories.wire_service,
        stories.title,
        carried.article_id,
        carried.source_id,
        carried.url,
        carried.relation,
        carried.similarity,
        carried.published_at,
        stories.canonical_article_id,
        stories.canonical_source_id,
        stories.canonical_published_at,
        carried.published_at - stories.canonical_published_at as lag,
        epoch(carried.published_at) / 60.0
        - epoch(stories.canonical_published_at) / 60.0 as lag_minutes
    from carried
    inner join stories
        on carried.story_id = stories.story_id

)

select * from final;
