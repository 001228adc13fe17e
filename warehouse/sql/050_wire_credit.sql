-- wire_credit: per outlet and wire, how its copies of that wire's stories credit the wire.
-- a copy is credited when it prints a credit line (articles.credit_line), dateline only when it
-- prints none but still names the wire (wire_service from its dateline or byline), stripped when
-- it does neither. the wire is the story's (stories.wire_service), so a stripped copy still
-- counts against the wire it was taken from.
create or replace view wire_credit as

with classified as (

    select
        source_id,
        wire_service as wire,
        date,
        case
            when credit_line is not null then 'credited'
            when copy_wire_service is not null then 'dateline_only'
            else 'stripped'
        end as credit
    from pickup_lag
    where wire_service is not null

),

final as (

    select
        source_id,
        wire,
        count(*) as copies,
        count(*) filter (where credit = 'credited') as credited,
        count(*) filter (where credit = 'dateline_only') as dateline_only,
        count(*) filter (where credit = 'stripped') as stripped,
        count(*) filter (where credit = 'stripped') / count(*) as stripped_share,
        min(date) as first_date,
        max(date) as last_date
    from classified
    group by source_id, wire

)

select * from final
order by source_id, wire;
