-- full-text search over the whole archive: search_hits, search_top, bm25, search, search_total,
-- search_stories. the index is one segment per month (warehouse/search_index.py): search_postings,
-- search_heads, search_docs, search_dict, search_words and search_bigrams are views over every
-- segment's files, search_stats the archive-wide document count and average length. scores are okapi bm25 (k1 = 1.2, b = 0.75, title and body
-- together) with archive-wide statistics, the score of the fts extension's match_bm25 over one
-- index of the whole archive; a phrase is scored as one term (lucene's phrase query): its
-- frequency in the document, its idf the sum of its terms' idfs. plain sql: no extension is
-- needed to query.
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

-- search_weight(tf, len, avgdl): a posting's bm25 term weight, without the idf. in double
-- arithmetic throughout (the literals typed: untyped, 1.2 is a decimal and the weight of millions
-- of postings took a third of a common-word query).
create or replace macro search_weight(tf, len, avgdl) as
tf::double * 2.2::double / (tf::double + 1.2::double * (0.25::double + 0.75::double * len::double / avgdl::double));

-- search_content_words(q): the distinct content words of q (tokenized, stopwords dropped).
create or replace macro search_content_words(q) as table
select distinct word
from (select unnest(search_tokenize(q)) as word)
where word <> '' and word not in (select search_stopwords.sw from search_stopwords);

-- search_terms(q): the indexed terms of q's content words, with their archive-wide df and idf.
create or replace macro search_terms(q) as table

with content_words as (

    select query_words.word from search_content_words(q) as query_words

),

term_df as (

    select
        search_dict.term,
        sum(search_dict.df)::double as df
    from search_dict
    where search_dict.term in (
        select search_words.term from search_words
        where search_words.word in (select content_words.word from content_words)
    )
    group by search_dict.term

)

select
    term_df.term,
    term_df.df,
    log((search_stats.num_docs - term_df.df + 0.5) / (term_df.df + 0.5) + 1) as idf
from term_df
cross join search_stats;

-- search_coverage(q): one row, n_terms (indexed terms of q) and n_unknown (content words of q
-- the index does not hold): 'all' and 'phrase' need n_unknown = 0.
create or replace macro search_coverage(q) as table

with content_words as (

    select query_words.word from search_content_words(q) as query_words

),

found as (

    select distinct
        search_words.word,
        search_words.term
    from search_words
    where search_words.word in (select content_words.word from content_words)

)

select
    (select count(distinct found.term) from found) as n_terms,
    (select count(*) from content_words) - (select count(distinct found.word) from found) as n_unknown;

-- search_hits(q, ...): every document matching q, as (month, docid), with its score. the
-- article ids are looked up only where needed (one-word phrase checks, the k rows search returns).
create or replace macro search_hits(q, date_from := null, date_to := null, sources := null, mode := 'any') as table

with query_terms as materialized (

    select * from search_terms(q) as terms

),

coverage as materialized (

    select * from search_coverage(q) as counts

),

tokens as (

    select list_filter(search_tokenize(q), lambda w: w <> '') as words

),

phrase_bigrams as materialized (

    -- phrase mode: the pairs of adjacent tokens of q (stop words kept; none for one word), each
    -- with its offset in the phrase
    select unnest(
        list_transform(
            range(1, len(words)), lambda i: {'bigram': words[i] || ' ' || words[i + 1], 'offset': i}
        ),
        recursive := true
    )
    from tokens
    where mode = 'phrase'

),

phrase_starts as (

    -- where each occurrence of the phrase starts: every pair found at consecutive positions
    select
        search_bigrams.month,
        search_bigrams.docid,
        search_bigrams.pos - phrase_bigrams.offset as start
    from search_bigrams
    inner join phrase_bigrams
        on search_bigrams.bigram = phrase_bigrams.bigram
    where
        (date_from is null or search_bigrams.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_bigrams.month <= strftime(date_to, '%Y-%m'))
    group by all
    having count(distinct phrase_bigrams.offset) = (select count(distinct phrase_bigrams.offset) from phrase_bigrams)

),

phrase_docs as (

    select
        month,
        docid,
        count(*) as pf
    from phrase_starts
    group by month, docid

),

phrase_scored as (

    -- a phrase of two tokens or more, scored as one term: its frequency pf in the document, its
    -- idf the sum of its terms' idfs
    select
        search_docs.month,
        search_docs.docid,
        search_docs.date,
        search_docs.source_id,
        (select sum(query_terms.idf) from query_terms)
        * search_weight(phrase_docs.pf, search_docs.len, search_stats.avgdl) as score
    from phrase_docs
    inner join search_docs
        on
            phrase_docs.month = search_docs.month
            and phrase_docs.docid = search_docs.docid
    cross join search_stats
    cross join coverage
    where
        coverage.n_terms > 0
        and coverage.n_unknown = 0
        and (date_from is null or search_docs.date >= date_from)
        and (date_to is null or search_docs.date <= date_to)
        and (sources is null or list_contains(sources, search_docs.source_id))

),

postings as (

    select
        search_postings.month,
        search_postings.docid,
        search_postings.tf,
        search_postings.len,
        search_postings.date,
        search_postings.source_id,
        query_terms.idf
    from search_postings
    inner join query_terms
        on search_postings.term = query_terms.term
    where
        -- a phrase of two tokens or more is found and scored from search_bigrams alone
        (mode <> 'phrase' or not exists (select 1 from phrase_bigrams))
        and (date_from is null or search_postings.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_postings.month <= strftime(date_to, '%Y-%m'))
        and (date_from is null or search_postings.date >= date_from)
        and (date_to is null or search_postings.date <= date_to)
        and (sources is null or list_contains(sources, search_postings.source_id))

),

scored as (

    select
        postings.month,
        postings.docid,
        any_value(postings.date) as date,
        any_value(postings.source_id) as source_id,
        count(*) as n_matched,
        sum(postings.idf * search_weight(postings.tf, postings.len, search_stats.avgdl)) as score
    from postings
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

    select *
    from phrase_scored
    where mode = 'phrase'

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

-- search_count(q, ...): one row, total_matches, the documents matching q. in 'any' mode the df
-- of a one-term query without filters, else the documents holding a term (no score computed);
-- otherwise it counts search_hits.
create or replace macro search_count(q, date_from := null, date_to := null, sources := null, mode := 'any') as table

with terms as materialized (

    select * from search_terms(q) as terms

),

from_df as materialized (

    select
        mode = 'any'
        and (select count(*) from terms) = 1
        and date_from is null
        and date_to is null
        and sources is null as yes

),

scanned_terms as (

    -- none when the df answers: a join with this empty side reads no posting
    select terms.term
    from terms
    where mode = 'any' and not (select from_df.yes from from_df)

),

any_docs as (

    select distinct
        search_postings.month,
        search_postings.docid
    from search_postings
    inner join scanned_terms
        on search_postings.term = scanned_terms.term
    where
        (date_from is null or search_postings.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_postings.month <= strftime(date_to, '%Y-%m'))
        and (date_from is null or search_postings.date >= date_from)
        and (date_to is null or search_postings.date <= date_to)
        and (sources is null or list_contains(sources, search_postings.source_id))

)

select
    case
        when (select from_df.yes from from_df) then (select sum(terms.df)::bigint from terms)
        when mode = 'any' then (select count(*) from any_docs)
        else (
            select count(*)
            from search_hits(q, date_from := date_from, date_to := date_to, sources := sources, mode := mode)
            where mode <> 'any'
        )
    end as total_matches;

-- search_top(q, k := 20, ...): the k best documents for q as (month, docid, date, source_id,
-- score, from_heads, total_matches), best first (ties by month, docid), the same rows as the k
-- best of search_hits; from_heads tells whether they were found from the heads alone (below),
-- total_matches counts every match (as search_count does).
--
-- in 'any' mode it first reads only the heads (search_heads: each term's highest-weighted
-- postings of each month, all of them for a term of df <= the head size): a document's known
-- score (lb) is the sum over the terms whose head holds it; a posting left out of a head weighs
-- at most its build's tail_impact (the weight of the first posting left out, at the build's
-- average length head_avgdl) times the ratio of the archive's average length to that one when above 1
-- (the weight grows by at most that ratio when the average length does). the k documents of best
-- lb get their exact score (their missing postings looked up); they are the answer when the
-- k-th of them scores above every bound a document outside them can reach. otherwise (and in
-- 'all' and 'phrase' modes) the k best of all postings, as search_hits scores them: the heads
-- path is skipped in those modes, as the full scan is when the heads succeed (a join with an
-- empty side reads nothing). the full path counts the documents it scores; the heads path counts
-- the documents holding a term (the term and document columns of their postings).
create or replace macro search_top(q, k := 20, date_from := null, date_to := null, sources := null, mode := 'any') as table

with query_terms as materialized (

    select * from search_terms(q) as terms

),

head_parts as materialized (

    select
        search_heads.month,
        search_heads.docid,
        search_heads.term,
        search_heads.date,
        search_heads.source_id,
        query_terms.idf * search_weight(search_heads.tf, search_heads.len, search_stats.avgdl) as part
    from search_heads
    inner join query_terms
        on search_heads.term = query_terms.term
    cross join search_stats
    where
        mode = 'any'
        and (date_from is null or search_heads.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_heads.month <= strftime(date_to, '%Y-%m'))
        and (date_from is null or search_heads.date >= date_from)
        and (date_to is null or search_heads.date <= date_to)
        and (sources is null or list_contains(sources, search_heads.source_id))

),

tails as materialized (

    -- per month and query term: the most a posting outside the head can add to a score
    select
        search_dict.month,
        search_dict.term,
        max(
            query_terms.idf * search_dict.tail_impact
            * greatest(1.0, search_stats.avgdl / search_dict.head_avgdl) * (1 + 1e-9) + 1e-12
        ) as tail
    from search_dict
    inner join query_terms
        on search_dict.term = query_terms.term
    cross join search_stats
    where mode = 'any' and search_dict.tail_impact > 0
    group by search_dict.month, search_dict.term

),

month_tails as (

    select
        month,
        sum(tail) as tail,
        count(*) as n_terms
    from tails
    group by month

),

seen as materialized (

    -- every document some head holds: its known score lb, and the most it may still gain
    select
        head_parts.month,
        head_parts.docid,
        any_value(head_parts.date) as date,
        any_value(head_parts.source_id) as source_id,
        sum(head_parts.part) as lb,
        list(head_parts.term) as terms,
        case
            -- in every head of its month that leaves postings out: known
            when count(tails.tail) = coalesce(any_value(month_tails.n_terms), 0) then 0
            else any_value(month_tails.tail) - coalesce(sum(tails.tail), 0)
        end as gain
    from head_parts
    left join tails
        on
            head_parts.month = tails.month
            and head_parts.term = tails.term
    left join month_tails
        on head_parts.month = month_tails.month
    group by head_parts.month, head_parts.docid

),

best_seen as materialized (

    select *
    from seen
    order by lb desc, month, docid
    limit k

),

missing as (

    -- the postings the k best-known documents may hold outside the heads
    select
        best_seen.month,
        best_seen.docid,
        query_terms.term,
        query_terms.idf
    from best_seen
    cross join query_terms
    inner join tails
        on
            best_seen.month = tails.month
            and query_terms.term = tails.term
    where not list_contains(best_seen.terms, query_terms.term)

),

found as (

    select
        missing.month,
        missing.docid,
        sum(missing.idf * search_weight(search_postings.tf, search_postings.len, search_stats.avgdl)) as part
    from search_postings
    inner join missing
        on
            search_postings.term = missing.term
            and search_postings.month = missing.month
            and search_postings.docid = missing.docid
    cross join search_stats
    group by missing.month, missing.docid

),

best as materialized (

    select
        best_seen.month,
        best_seen.docid,
        best_seen.date,
        best_seen.source_id,
        best_seen.lb + coalesce(found.part, 0) as score
    from best_seen
    left join found
        on
            best_seen.month = found.month
            and best_seen.docid = found.docid

),

last_best as materialized (

    -- the k-th best
    select *
    from best
    order by score, month desc, docid desc
    limit 1

),

decision as materialized (

    select
        mode = 'any'
        and (
            -- every head complete: the known scores are the scores
            (select count(*) from tails) = 0
            or (
                (select count(*) from best) = k
                and (select coalesce(max(month_tails.tail), 0) from month_tails) < (select last_best.score from last_best)
                -- no document outside could rank above the k-th: a higher bound, or an equal one
                -- not known exactly or of a lower (month, docid) (ties are ordered so)
                and not exists (
                    select 1
                    from seen
                    anti join best_seen
                        on
                            seen.month = best_seen.month
                            and seen.docid = best_seen.docid
                    cross join last_best
                    where
                        seen.lb + seen.gain > last_best.score
                        or (
                            seen.lb + seen.gain = last_best.score
                            and (seen.gain > 0 or (seen.month, seen.docid) < (last_best.month, last_best.docid))
                        )
                )
            )
        ) as from_heads

),

fallback_terms as (

    -- the query's terms when the heads do not settle the answer, else none: a join with this
    -- empty side reads no posting
    select query_terms.*
    from query_terms
    where not (select decision.from_heads from decision)

),

full_scored as (

    select
        search_postings.month,
        search_postings.docid,
        sum(fallback_terms.idf * search_weight(search_postings.tf, search_postings.len, search_stats.avgdl)) as score
    from search_postings
    inner join fallback_terms
        on search_postings.term = fallback_terms.term
    cross join search_stats
    where
        mode = 'any'
        and (date_from is null or search_postings.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_postings.month <= strftime(date_to, '%Y-%m'))
        and (date_from is null or search_postings.date >= date_from)
        and (date_to is null or search_postings.date <= date_to)
        and (sources is null or list_contains(sources, search_postings.source_id))
    group by search_postings.month, search_postings.docid

),

full_best as materialized (

    -- the k best of the full path, every document holding a term counted in the same pass; their
    -- day and source looked up after (carried through the aggregate of every posting, they took
    -- a third of its time)
    select
        full_scored.*,
        count(*) over () as total_matches
    from full_scored
    order by full_scored.score desc, full_scored.month, full_scored.docid
    limit k

),

count_terms as (

    -- 'any' answered from the heads: the query's terms, to count the documents holding one (none
    -- for one term and no filter: its df is the count); else none, as the full path counts its
    -- own rows (a join with this empty side reads no posting)
    select query_terms.term
    from query_terms
    where
        mode = 'any'
        and (select decision.from_heads from decision)
        and not ((select count(*) from query_terms) = 1 and date_from is null and date_to is null and sources is null)

),

any_docs as (

    select distinct
        search_postings.month,
        search_postings.docid
    from search_postings
    inner join count_terms
        on search_postings.term = count_terms.term
    where
        (date_from is null or search_postings.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_postings.month <= strftime(date_to, '%Y-%m'))
        and (date_from is null or search_postings.date >= date_from)
        and (date_to is null or search_postings.date <= date_to)
        and (sources is null or list_contains(sources, search_postings.source_id))

),

any_total as (

    select
        case
            when (select count(*) from query_terms) = 1 and date_from is null and date_to is null and sources is null
                then (select sum(query_terms.df)::bigint from query_terms)
            else (select count(*) from any_docs)
        end as total_matches

),

final as (

    select
        best.month,
        best.docid,
        best.date,
        best.source_id,
        best.score,
        true as from_heads,
        (select any_total.total_matches from any_total) as total_matches
    from best
    where (select decision.from_heads from decision)

    union all

    select
        full_best.month,
        full_best.docid,
        search_docs.date,
        search_docs.source_id,
        full_best.score,
        false as from_heads,
        full_best.total_matches
    from full_best
    inner join search_docs
        on
            full_best.month = search_docs.month
            and full_best.docid = search_docs.docid

    union all

    -- 'all' and 'phrase': the k best of search_hits, every hit counted in the same pass
    select *
    from (
        select
            hits.*,
            false as from_heads,
            count(*) over () as total_matches
        from search_hits(q, date_from := date_from, date_to := date_to, sources := sources, mode := mode) as hits
        where mode <> 'any'
        order by hits.score desc, hits.month, hits.docid
        limit k
    )

)

select * from final
order by score desc, month, docid;

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

select total_matches
from search_count(q, date_from := date_from, date_to := date_to, sources := sources, mode := mode);

-- search(q, k := 20, ...): the k best articles for q, best first, each row with total_matches.
create or replace macro search(
    q, k := 20, date_from := null, date_to := null, sources := null, mode := 'any'
) as table

with top_hits as (

    select *
    from search_top(q, k := k, date_from := date_from, date_to := date_to, sources := sources, mode := mode)

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
