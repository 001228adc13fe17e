-- bm25(q): every indexed article matching any word of q, with its okapi bm25 score (k1 = 1.2,
-- b = 0.75, title and body together), as the fts extension's match_bm25 computes it. it reads
-- the extension's index tables directly: 3-5x faster than calling match_bm25 once per row
-- (bench/warehouse.py, 1M articles). needs the fts extension loaded (stem, tokenize).
create or replace macro bm25(q) as table

with tokens as (

    select distinct stem(unnest(fts_main_article_text.tokenize(q)), 'porter') as term

),

query_terms as (

    select
        dict.termid,
        dict.df
    from fts_main_article_text.dict as dict
    inner join tokens
        on dict.term = tokens.term

),

term_frequencies as (

    select
        terms.docid,
        terms.termid,
        count(*) as tf
    from fts_main_article_text.terms as terms
    where terms.termid in (select query_terms.termid from query_terms)
    group by terms.docid, terms.termid

),

scored as (

    select
        term_frequencies.docid,
        sum(
            log((stats.num_docs - query_terms.df + 0.5) / (query_terms.df + 0.5) + 1)
            * term_frequencies.tf * (1.2 + 1)
            / (term_frequencies.tf + 1.2 * (1 - 0.75 + 0.75 * docs.len / stats.avgdl))
        ) as score
    from term_frequencies
    inner join query_terms
        on term_frequencies.termid = query_terms.termid
    inner join fts_main_article_text.docs as docs
        on term_frequencies.docid = docs.docid
    cross join fts_main_article_text.stats as stats
    group by term_frequencies.docid

),

final as (

    select
        docs.name as article_id,
        scored.score
    from scored
    inner join fts_main_article_text.docs as docs
        on scored.docid = docs.docid

)

select * from final;

-- search(q, k := 20): the k best articles for q, best first.
create or replace macro search(q, k := 20) as table

with hits as (

    select
        article_id,
        score
    from bm25(q)
    order by score desc, article_id
    limit k

),

final as (

    select
        article_text.article_id,
        article_text.story_id,
        article_text.title,
        article_text.url,
        article_text.source_id,
        article_text.wire_service,
        article_text.published_at,
        article_text.date,
        hits.score
    from hits
    inner join article_text
        on hits.article_id = article_text.article_id

)

select * from final
order by score desc, article_id;

-- search_stories(q, k := 20): stories ranked by their best-matching article.
create or replace macro search_stories(q, k := 20) as table

with story_hits as (

    select
        article_text.story_id,
        max(hits.score) as score,
        count(*) as matching_articles
    from bm25(q) as hits
    inner join article_text
        on hits.article_id = article_text.article_id
    where article_text.story_id is not null
    group by article_text.story_id

),

final as (

    select
        stories.story_id,
        stories.title,
        stories.wire_service,
        stories.first_seen,
        stories.n_articles,
        stories.n_outlets,
        story_hits.matching_articles,
        story_hits.score
    from story_hits
    inner join stories
        on story_hits.story_id = stories.story_id
    order by story_hits.score desc, stories.story_id
    limit k

)

select * from final;
