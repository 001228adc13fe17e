-- member_articles: each story member with the facts of its article that the analyst views use.
-- a member and its article live in the same date partition (see SCHEMA.md), hence the join on
-- (article_id, date). stories, story_versions, pickup_lag and wire_credit read members here.
create or replace view member_articles as

select
    story_members.date,
    story_members.story_id,
    story_members.article_id,
    story_members.relation,
    story_members.canonical_article_id,
    story_members.copy_of,
    story_members.similarity,
    story_members.version,
    articles.source_id,
    articles.url,
    articles.title,
    articles.wire_service,
    articles.attribution,
    articles.credit_line,
    articles.published_at,
    articles.modified_at,
    articles.fetched_at,
    articles.word_count,
    articles.body_hash
from story_members
inner join articles
    on
        story_members.article_id = articles.article_id
        and story_members.date = articles.date;
