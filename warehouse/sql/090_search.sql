-- full-text search over the whole archive: search_hits, search_top, bm25, search, search_total,
-- search_stories. the index is one segment per month (warehouse/search_index.py): search_postings,
-- search_tfs, search_docs, search_dict, search_words and search_bigrams are views over every
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

-- search_weight(tf, len, avgdl): a posting's bm25 term weight, without the idf.
create or replace macro search_weight(tf, len, avgdl) as
tf * (1.2 + 1) / (tf + 1.2 * (1 - 0.75 + 0.75 * len / avgdl));

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
-- score, postings_read, total_matches), best first (ties by month, docid), the same rows as the
-- k best of search_hits; postings_read counts the postings of q's terms it read to find them,
-- total_matches every match (as search_count counts them).
--
-- in 'any' mode it reads each term's postings in impact order (search_postings is sorted by
-- term, then impact: the posting's bm25 weight without the idf at its build's average length),
-- in two cuts that the row groups' impact statistics prune:
--   1. the heads (impact >= search_dict.head_impact, each term's few best postings per build):
--      the k-th best partial score of the documents they hold, theta, is at most the k-th best
--      score (a document's score is at least its partial one);
--   2. a document scoring theta or more holds a term of weight >= c = theta / (sum of the
--      terms' idf) (else its score, a sum of idf * weight, is below theta), so only postings of
--      weight >= c are read (of impact >= c / r, r the most the archive's average length can
--      raise a weight above its build's impact). a document read gets its partial score lb and
--      the most it may lack, ub = lb + c * (idf of its terms not read); those of ub at least the
--      k-th best lb get their exact score (their missing terms' tf from search_tfs), and the k
--      best of them are the answer.
-- in 'all' and 'phrase' modes it takes the k best of search_hits (the paths of the other modes
-- read nothing: their joins have an empty side).
create or replace macro search_top(q, k := 20, date_from := null, date_to := null, sources := null, mode := 'any') as table

with query_terms as materialized (

    select * from search_terms(q) as terms
    where mode = 'any'

),

idf_sum as materialized (

    select sum(query_terms.idf) as idf from query_terms

),

term_builds as materialized (

    -- per month and query term: the impact of the head's last posting, and the most the archive's
    -- average length raises a weight above its impact
    select
        search_dict.month,
        search_dict.term,
        min(search_dict.head_impact) as head_impact,
        max(greatest(1.0, search_stats.avgdl / search_dict.build_avgdl)) * (1 + 1e-9) as raise
    from search_dict
    inner join query_terms
        on search_dict.term = query_terms.term
    cross join search_stats
    where
        (date_from is null or search_dict.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_dict.month <= strftime(date_to, '%Y-%m'))
    group by search_dict.month, search_dict.term

),

head_docs as (

    select
        search_postings.month,
        search_postings.docid,
        sum(query_terms.idf * search_weight(search_postings.tf, search_postings.len, search_stats.avgdl)) as lb
    from search_postings
    inner join term_builds
        on
            search_postings.term = term_builds.term
            and search_postings.month = term_builds.month
            and search_postings.impact >= term_builds.head_impact
    inner join query_terms
        on search_postings.term = query_terms.term
    cross join search_stats
    where
        (date_from is null or search_postings.date >= date_from)
        and (date_to is null or search_postings.date <= date_to)
        and (sources is null or list_contains(sources, search_postings.source_id))
    group by search_postings.month, search_postings.docid

),

cut as materialized (

    -- c from theta (0, reading every posting, when the heads hold fewer than k documents), and
    -- the impact the postings read must reach
    select
        theta.theta / idf_sum.idf * (1 - 1e-9) as weight,
        theta.theta / idf_sum.idf * (1 - 1e-9) / (select max(term_builds.raise) from term_builds) as impact
    from (
        select case when count(*) = k then min(best_heads.lb) else 0 end as theta
        from (select head_docs.lb from head_docs order by head_docs.lb desc limit k) as best_heads
    ) as theta
    cross join idf_sum

),

read_docs as materialized (

    select
        search_postings.month,
        search_postings.docid,
        any_value(search_postings.date) as date,
        any_value(search_postings.source_id) as source_id,
        any_value(search_postings.len) as len,
        count(*) as n_read,
        list(search_postings.term) as terms,
        sum(query_terms.idf * search_weight(search_postings.tf, search_postings.len, search_stats.avgdl)) as lb,
        sum(query_terms.idf) as idf_read
    from search_postings
    inner join query_terms
        on search_postings.term = query_terms.term
    cross join search_stats
    where
        -- a scalar, not a join with cut: pruned by the row groups' impact statistics as well, and
        -- duckdb 1.5.5's filter pushdown gave wrong rows with the join here
        search_postings.impact >= (select cut.impact from cut)
        and (date_from is null or search_postings.month >= strftime(date_from, '%Y-%m'))
        and (date_to is null or search_postings.month <= strftime(date_to, '%Y-%m'))
        and (date_from is null or search_postings.date >= date_from)
        and (date_to is null or search_postings.date <= date_to)
        and (sources is null or list_contains(sources, search_postings.source_id))
    group by search_postings.month, search_postings.docid

),

kth_lb as materialized (

    select case when count(*) = k then min(best_read.lb) else -1 end as lb
    from (select read_docs.lb from read_docs order by read_docs.lb desc limit k) as best_read

),

contenders as materialized (

    -- the documents that may rank in the k best
    select read_docs.*
    from read_docs
    cross join cut
    cross join idf_sum
    cross join kth_lb
    where read_docs.lb + cut.weight * (idf_sum.idf - read_docs.idf_read) >= kth_lb.lb

),

missing as (

    select
        contenders.month,
        contenders.docid,
        contenders.len,
        query_terms.term,
        query_terms.idf
    from contenders
    cross join query_terms
    where not list_contains(contenders.terms, query_terms.term)

),

found as (

    select
        missing.month,
        missing.docid,
        sum(missing.idf * search_weight(search_tfs.tf, missing.len, search_stats.avgdl)) as part
    from search_tfs
    inner join missing
        on
            search_tfs.term = missing.term
            and search_tfs.month = missing.month
            and search_tfs.docid = missing.docid
    cross join search_stats
    group by missing.month, missing.docid

),

best as (

    select
        contenders.month,
        contenders.docid,
        contenders.date,
        contenders.source_id,
        contenders.lb + coalesce(found.part, 0) as score
    from contenders
    left join found
        on
            contenders.month = found.month
            and contenders.docid = found.docid
    order by score desc, contenders.month, contenders.docid
    limit k

),

any_docs as (

    -- 'any': the documents holding a term, counted without scores (none read for one term and no
    -- filter: its df is the count)
    select distinct
        search_postings.month,
        search_postings.docid
    from search_postings
    inner join query_terms
        on search_postings.term = query_terms.term
    where
        not ((select count(*) from query_terms) = 1 and date_from is null and date_to is null and sources is null)
        and (date_from is null or search_postings.month >= strftime(date_from, '%Y-%m'))
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
        (select sum(read_docs.n_read) from read_docs)::bigint as postings_read,
        (select any_total.total_matches from any_total) as total_matches
    from best

    union all

    -- 'all' and 'phrase': the k best of search_hits, every hit counted in the same pass
    select *
    from (
        select
            hits.*,
            null::bigint as postings_read,
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
