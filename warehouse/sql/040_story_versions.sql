-- story_versions: the versions of each story (its original and its updates), in version order.
create or replace view story_versions as

with final as (

    select
        story_id,
        version,
        relation,
        article_id,
        source_id,
        url,
        title,
        published_at,
        modified_at,
        fetched_at,
        word_count,
        body_hash,
        similarity,
        date
    from member_articles
    where relation in ('original', 'update')

)

select * from final
order by story_id, version, published_at;
