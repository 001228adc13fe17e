-- story_versions: the versions of each story (its original and its updates), in version order.
create or replace view story_versions as

with versions as (

    select
        article_id,
        story_id,
        relation,
        version,
        similarity,
        date
    from story_members
    where relation in ('original', 'update')

),

final as (

    select
        versions.story_id,
        versions.version,
        versions.relation,
        versions.article_id,
        articles.source_id,
        articles.url,
        articles.title,
        articles.published_at,
        articles.modified_at,
        articles.fetched_at,
        articles.word_count,
        articles.body_hash,
        versions.similarity,
        versions.date
    from versions
    inner join articles
        on
            versions.article_id = articles.article_id
            and versions.date = articles.date

)

select * from final
order by story_id, version, published_at;
