-- the story tables (this folder, applied in file-name order) are materialized per month
-- segment by warehouse/story_segments.py over the members of the segment's days and the days
-- around them; the catalog's views read every segment.
-- stories: one row per story_id.
-- the originator is the source of the story's canonical article (for a wire story, the wire):
-- its members are the story's versions, every other source's member is a copy (story_versions,
-- pickup_lag). this split uses sources, never the relation labels, so a mislabelled copy
-- (e.g. an edited copy labelled update) is still counted as a copy.
create or replace table stories as

with joined as (

    select
        story_id,
        article_id,
        relation,
        canonical_article_id,
        source_id,
        url,
        title,
        wire_service,
        published_at,
        body_hash,
        coalesce(published_at, modified_at, fetched_at) as seen_at
    from member_articles

),

canonical_choice as (

    select
        story_id,
        coalesce(
            min(article_id) filter (where relation = 'original'),
            min(canonical_article_id)
        ) as canonical_article_id,
        mode(wire_service) as member_wire_service
    from joined
    group by story_id

),

with_originator as (

    select
        joined.*,
        canonical_choice.canonical_article_id as story_canonical_id,
        canonical_choice.member_wire_service,
        canonical.source_id as originator_source_id
    from joined
    inner join canonical_choice
        on joined.story_id = canonical_choice.story_id
    left join joined as canonical
        on canonical_choice.canonical_article_id = canonical.article_id

),

story_facts as (

    select
        story_id,
        any_value(story_canonical_id) as canonical_article_id,
        any_value(member_wire_service) as member_wire_service,
        min(seen_at) as first_seen,
        max(seen_at) as last_seen,
        min(seen_at) filter (where source_id = originator_source_id) as first_version_at,
        count(*) as n_articles,
        count(distinct source_id) as n_outlets,
        count(distinct body_hash) filter (where source_id = originator_source_id) as n_versions,
        count(*) filter (where source_id is distinct from originator_source_id) as n_copies
    from with_originator
    group by story_id

),

final as (

    select
        story_facts.story_id,
        story_facts.canonical_article_id,
        canonical.title,
        coalesce(canonical.wire_service, story_facts.member_wire_service) as wire_service,
        canonical.source_id as canonical_source_id,
        canonical.url as canonical_url,
        canonical.published_at as canonical_published_at,
        story_facts.first_version_at,
        story_facts.first_seen,
        story_facts.last_seen,
        story_facts.n_articles,
        story_facts.n_outlets,
        story_facts.n_versions,
        story_facts.n_copies,
        cast(timezone('UTC', story_facts.first_seen) as date) as date
    from story_facts
    left join joined as canonical
        on story_facts.canonical_article_id = canonical.article_id

)

select * from final
order by date, story_id;
