-- copy_versions: every copy (a member from another source than the originator) with the
-- version it was taken from, following copy_of to an originator member, or through one copy
-- (a copy of a copy, e.g. a farm spinning an outlet's copy) to one. NULL when copy_of is NULL or
-- leads nowhere within two steps. every hop stays inside the copy's story: a copy_of that
-- points into another story (a stale link after a regroup) gives NULL, not a foreign version.
-- materialized with the story tables (pickup_lag reads it).
create or replace table copy_versions as

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
    on
        copies.copy_of = direct.article_id
        and copies.story_id = direct.story_id
left join story_members as hop
    on
        direct.article_id is null
        and copies.copy_of = hop.article_id
        and copies.story_id = hop.story_id
left join member_versions as via_copy
    on
        hop.copy_of = via_copy.article_id
        and copies.story_id = via_copy.story_id;

