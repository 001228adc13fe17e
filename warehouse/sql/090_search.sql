-- full-text search over the whole archive: search_hits, bm25, search, search_total, search_stories.
-- the index is one segment per month (warehouse/search_index.py): search_postings, search_docs,
-- search_dict, search_words and search_bigrams are views over every segment's files, search_stats the
-- archive-wide document count and average length. scores are okapi bm25 (k1 = 1.2, b = 0.75,
-- title and body together) with archive-wide statistics, the score of the fts extension's
-- match_bm25 over one index of the whole archive. plain sql: no extension is needed to query.
--
-- parameters shared by the macros:
--   q          the query text, tokenized like the fts extension does (search_tokenize)
--   date_from  first partition day (articles.date) to search, null for no bound
--   date_to    last partition day, null for no bound
--   sources    list of source ids to search, e.g. ['ap', 'reuters'], null for all
--   mode       'any' (articles holding any word of q), 'all' (every word) or 'phrase' (the
--              words of q in that order, adjacent, in the title or the body)

-- search_tokenize(q): the fts extension's tokenizer (its fts_main_<table>.tokenize macro as
-- created by duckdb-extension-fts 1.5.5): lower case, accents stripped, split on digits,
-- punctuation and white space.
create or replace macro search_tokenize(q) as
string_split_regex(
    regexp_replace(
        lower(strip_accents(cast(q as varchar))),
        '[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`-]+',
        ' ',
        'g'
    ),
    '\s+'
);

-- search_phrase_pattern(q): a regular expression matching the tokens of q adjacent and in order
-- in a text lowered and stripped of accents, as the tokenizer splits it (tokens hold no regular
-- expression metacharacter: the tokenizer splits on all of them).
create or replace macro search_phrase_pattern(q) as
'(^|[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`\s-])'
|| array_to_string(
    list_filter(search_tokenize(q), lambda w: w <> ''),
    '[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`\s-]+'
)
|| '([0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/\|''''"`\s-]|$)';

-- search_hits(q, ...): every document matching q, as (month, docid), with its score. the
-- article ids are looked up only where needed (phrase checks, the k rows search returns).
create or replace macro search_hits(q, date_from := null, date_to := null, sources := null, mode := 'any') as table

with words as (

    select distinct unnest(search_tokenize(q)) as word

),

content_words as (

    select word
    from words
    where word <> '' and word not in (select search_stopwords.sw from search_stopwords)

),

query_terms as (

    select distinct search_words.term
    from search_words
    inner join content_words
        on search_words.word = content_words.word

),

coverage as (

    -- 'all' and 'phrase' need every content word in the index
    select
        (select count(*) from query_terms) as n_terms,
        (select count(*) from content_words)
        - (
            select count(distinct search_words.word) from search_words
            where search_words.word in (select content_words.word from content_words)
        ) as n_unknown

),

phrase_bigrams as (

    -- phrase mode: the pairs of adjacent tokens of q (stop words kept; none for one word), each
    -- with its offset in the phrase
    select unnest(
        list_transform(
            range(1, len(words)), lambda i: {'bigram': words[i] || ' ' || words[i + 1], 'offset': i}
        ),
        recursive := true
    )
    from (select list_filter(search_tokenize(q), lambda w: w <> '') as words)
    where mode = 'phrase'

),

phrase_matches as (

    -- the documents holding every pair at consecutive positions: the phrase, found in the index
    select distinct
        month,
        docid
    from (
        select
            search_bigrams.month,
            search_bigrams.docid,
            search_bigrams.pos - phrase_bigrams.offset as start,
            count(distinct phrase_bigrams.offset) as n_pairs
        from search_bigrams
        inner join phrase_bigrams
            on search_bigrams.bigram = phrase_bigrams.bigram
        group by all
    )
    where n_pairs = (select count(distinct phrase_bigrams.offset) from phrase_bigrams)

),

term_df as (

    select
        search_dict.term,
        sum(search_dict.df) as df
    from search_dict
    where search_dict.term in (select query_terms.term from query_terms)
    group by search_dict.term

),

postings as (

    select
        search_postings.month,
        search_postings.docid,
        search_postings.term,
        search_postings.tf,
        search_postings.len,
        search_postings.date,
        search_postings.source_id
    from search_postings
    where
        search_postings.term in (select query_terms.term from query_terms)
        and (date_from is null or search_postings.date >= date_from)
        and (date_to is null or search_postings.date <= date_to)
        and (sources is null or list_contains(sources, search_postings.source_id))
        and (
            mode <> 'phrase'
            or not exists (select 1 from phrase_bigrams)
            or search_postings.docid in (
                select phrase_matches.docid from phrase_matches
                where phrase_matches.month = search_postings.month
            )
        )

),

scored as (

    select
        postings.month,
        postings.docid,
        any_value(postings.date) as date,
        any_value(postings.source_id) as source_id,
        count(*) as n_matched,
        sum(
            log((search_stats.num_docs - term_df.df + 0.5) / (term_df.df + 0.5) + 1)
            * postings.tf * (1.2 + 1)
            / (postings.tf + 1.2 * (1 - 0.75 + 0.75 * postings.len / search_stats.avgdl))
        ) as score
    from postings
    inner join term_df
        on postings.term = term_df.term
    cross join search_stats
    group by postings.month, postings.docid

),

matched as (

    select
        scored.month,
        scored.docid,
        scored.date,
        scored.source_id,
        scored.score
    from scored
    cross join coverage
    where
        mode = 'any'
        or (scored.n_matched = coverage.n_terms and coverage.n_unknown = 0)

),

final as (

    select *
    from matched
    where mode <> 'phrase'

    union all

    -- a phrase of two tokens or more: postings were kept for phrase_matches only
    select *
    from matched
    where mode = 'phrase' and exists (select 1 from phrase_bigrams)

    union all

    -- a one-word phrase: the word itself (not only its stem) in the title or the body
    select matched.*
    from matched
    inner join search_docs
        on
            matched.month = search_docs.month
            and matched.docid = search_docs.docid
    inner join articles
        on
            search_docs.article_id = articles.article_id
            and matched.date = articles.date
    where
        mode = 'phrase'
        -- a constant (q is), so the branch is pruned when planning a phrase of two tokens or more:
        -- the check below is pushed into the scan of articles, which then reads every text
        and len(list_filter(search_tokenize(q), lambda w: w <> '')) = 1
        and (
            regexp_matches(lower(strip_accents(articles.title)), search_phrase_pattern(q))
            or regexp_matches(lower(strip_accents(articles.body)), search_phrase_pattern(q))
        )

)

select * from final;

-- bm25(q, ...): every article matching q, with its score.
create or replace macro bm25(q, date_from := null, date_to := null, sources := null, mode := 'any') as table

select
    search_docs.article_id,
    hits.date,
    hits.source_id,
    hits.score
from search_hits(q, date_from := date_from, date_to := date_to, sources := sources, mode := mode) as hits
inner join search_docs
    on
        hits.month = search_docs.month
        and hits.docid = search_docs.docid;

-- search_total(q, ...): how many articles match (one row, total_matches).
create or replace macro search_total(q, date_from := null, date_to := null, sources := null, mode := 'any') as table

select count(*) as total_matches
from search_hits(q, date_from := date_from, date_to := date_to, sources := sources, mode := mode);

-- search(q, k := 20, ...): the k best articles for q, best first, each row with total_matches.
create or replace macro search(
    q, k := 20, date_from := null, date_to := null, sources := null, mode := 'any'
) as table

with hits as (

    select
        month,
        docid,
        date,
        source_id,
        score,
        count(*) over () as total_matches
    from search_hits(q, date_from := date_from, date_to := date_to, sources := sources, mode := mode)

),

top_hits as (

    -- ties broken by (month, docid): the index's date-then-article_id order
    select *
    from hits
    order by score desc, month, docid
    limit k

),

best as (

    select
        search_docs.article_id,
        top_hits.date,
        top_hits.source_id,
        top_hits.score,
        top_hits.total_matches
    from top_hits
    inner join search_docs
        on
            top_hits.month = search_docs.month
            and top_hits.docid = search_docs.docid

),

final as (

    select
        best.article_id,
        story_members.story_id,
        articles.title,
        articles.url,
        best.source_id,
        articles.wire_service,
        articles.published_at,
        best.date,
        best.score,
        best.total_matches
    from best
    inner join articles
        on
            best.article_id = articles.article_id
            and best.date = articles.date
    left join story_members
        on
            best.article_id = story_members.article_id
            and best.date = story_members.date

)

select * from final
order by score desc, article_id;

-- search_stories(q, k := 20, ...): stories ranked by their best-matching article.
create or replace macro search_stories(
    q, k := 20, date_from := null, date_to := null, sources := null, mode := 'any'
) as table

with story_hits as (

    select
        story_members.story_id,
        max(hits.score) as score,
        count(*) as matching_articles
    from bm25(q, date_from := date_from, date_to := date_to, sources := sources, mode := mode) as hits
    inner join story_members
        on
            hits.article_id = story_members.article_id
            and hits.date = story_members.date
    group by story_members.story_id

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
