-- stories: one row per story_id, materialized when the catalog is built (a snapshot consistent
-- with the build; the catalog is rebuilt after every publish).
-- members with their articles come from the member_articles view (005_member_articles.sql).
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
        coalesce(published_at, fetched_at) as seen_at
    from member_articles

),

story_facts as (

    select
        story_id,
        coalesce(
            min(article_id) filter (where relation = 'original'),
            min(canonical_article_id)
        ) as canonical_article_id,
        mode(wire_service) as member_wire_service,
        min(seen_at) as first_seen,
        max(seen_at) as last_seen,
        count(*) as n_articles,
        count(distinct source_id) as n_outlets,
        count(*) filter (where relation in ('original', 'update')) as n_versions
    from joined
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
        story_facts.first_seen,
        story_facts.last_seen,
        story_facts.n_articles,
        story_facts.n_outlets,
        story_facts.n_versions,
        cast(timezone('UTC', story_facts.first_seen) as date) as date
    from story_facts
    left join joined as canonical
        on story_facts.canonical_article_id = canonical.article_id

)

select * from final
order by date, story_id;
