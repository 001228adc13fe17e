-- stories_per_wire_day: stories by wire service and UTC day of first sighting.
create or replace view stories_per_wire_day as

with stories_of_day as (

    select
        date,
        coalesce(wire_service, '(none)') as wire_service,
        n_articles,
        n_outlets
    from stories

),

final as (

    select
        date,
        wire_service,
        count(*) as n_stories,
        sum(n_articles) as n_articles,
        max(n_outlets) as max_outlets,
        avg(n_outlets) as avg_outlets
    from stories_of_day
    group by date, wire_service

)

select * from final
order by date, wire_service;
