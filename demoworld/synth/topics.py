"""Story templates per news topic, written for this project.

A template is a sentence with ``{slot}`` placeholders filled from an event's facts and
``<a|b|c>`` choices picked at random, so two reports built from the same facts still differ in
wording. Each topic supplies headlines, leads, detail sentences, quotes (speaker, text) and
"developments" (new information a write-through adds). :data:`GENERIC` holds topic-neutral
background, reaction and outlook sentences shared by every topic.

Slots every topic can use: city, country, region, weekday, off/offl/offr (an official: full
name, last name, title), lead/leadl/leadr (a second protagonist), wit/witl (a witness or
resident), org, n1 (a small count), n2 (a medium count), n3 (a large count, "4,000"), pct, move
(a market move, "1.4%"), money, and the particulars each report picks among the event's
(:func:`.facts.particulars`): district, village, village2, street, hospital, spokes/spokesl (a
spokesperson), clock ("14:35 GMT"), month, year, n4/n4th, n5, n6, km, span (hours).

Body sentences, leads and developments are written around the event's facts, with a slot every
few words: real reports of two events share no sentences (issue 12: 0 of 228,223 real cross-event
pairs pass the passage rule), so templated prose that only names another city would make two
events one story.
Topic-specific slots are listed with each topic's ``extra`` choices in :mod:`.facts`. A topic
may restrict which :data:`GENERIC` kinds suit it with a ``generic`` entry (sports takes none).
"""

from __future__ import annotations

TOPICS: dict[str, dict[str, tuple]] = {
    "protest": {
        "headlines": (
            "Thousands rally in {city} against {cause}",
            "Police fire tear gas as protesters mass near {venue} in {city}",
            "{country} protests over {cause} enter <second|third|fourth> day",
            "Protesters and police clash in {city} over {cause}",
        ),
        "leads": (
            "Thousands marched from {district} through {city} on {weekday} against {cause}, <in the largest rally since {month}|defying {offl}'s ban on gatherings|blocking {street} for {span} hours>.",
            "Police fired tear gas on {street} on {weekday} at {n6} people who had gathered outside {venue} in {city} to protest {cause}.",
            "Anger over {cause} spilled from {district} onto {street} in {city} on {weekday}, as marchers clashed with police near {venue}.",
            "{lead} led {n6} marchers down {street} on {weekday}, the {n1th} day of protests in {city} against {cause}.",
            "In {district}, {witl} and hundreds of neighbors joined a sit-in at {venue} on {weekday}, <the first since {month}|calling for {offl} to resign|as police watched from {street}>.",
        ),
        "details": (
            "Organizers said about {n3} people took part, while police put the figure at {n6}; the march set off from {street} at {clock}.",
            "At least {n1} people were detained in {district} and near {venue}, according to the {org}, which said {n4} officers had been hurt by stones.",
            "{n2} people were treated at {hospital} and at tents on {street}, most of them for tear gas, {spokes}, a <hospital official|medical volunteer|health ministry spokesperson>, said.",
            "Marchers from {district} and {village} waved flags and chanted against {offl} as they moved down {street} toward {venue}.",
            "Shops along {street} pulled down their shutters, and {n4} bus lines through {district} were <suspended|halted|disrupted> until after {clock}.",
            "The movement against {cause} began in {district} in {month}, when {n5} students walked out of classes, and has spread through messaging apps.",
            "Riot police lined {street} and the approaches to {venue}, and {n1} armored vehicles were parked near {district}'s main mosque and market.",
            "{offr} {off} has said {cause} would save {money} by {year}, a figure {lead}'s supporters in {district} dispute.",
        ),
        "quotes": (
            ("wit", "We are not afraid anymore. We will come back every day until they listen"),
            ("wit", "I have three children and I cannot feed them. What else can I do but march"),
            ("lead", "This is a peaceful movement, and the violence came from the security forces, not from us"),
            ("off", "The right to protest is guaranteed, but we will not allow anyone to destroy public property"),
            ("off", "Our doors are open for dialogue with anyone who rejects violence"),
            ("lead", "The government has lost the trust of the street, and no amount of tear gas will bring it back"),
        ),
        "developments": (
            "By {clock}, {n1} people had been detained in {district}, {spokes} of the {org} said.",
            "{offr} {off} called for calm in a speech from {venue} at {clock} and said he would meet {lead}.",
            "Marchers set tires ablaze on {street} and near {village} after nightfall, {witl} said.",
        ),
    },
    "election": {
        "headlines": (
            "{party1} leads early count in {country} election",
            "{country} votes in tight election as {party1} and {party2} trade accusations",
            "Turnout reaches {turnout} as {country} elects new parliament",
            "{lead} claims victory in {country} vote; rivals cry foul",
        ),
        "leads": (
            "Voters in {country} queued in {district} and {n5} other districts on {weekday} in an election pitting {offl}'s {party1} against {lead}'s {party2}.",
            "The {party1} led with {pct} of ballots counted in {country}'s election on {weekday}, {spokes} of the {org} said at {clock}.",
            "{lead} of the {party2} declared victory in {city} at {clock} on {weekday}, <after a race decided in {district}|as {offl} refused to concede|amid reports of fraud in {village}>.",
            "Polls closed at {clock} on {weekday} in {country}, where {lead}'s {party2} hopes to unseat {offl} after {year}.",
            "Early returns from {village} and {village2} on {weekday} gave the {party2} {n4}% and the {party1} {pct} in {country}.",
        ),
        "details": (
            "With about {pct} of ballots counted, the {party1} had won {seats} of the 150 seats, {spokes} of the {org} said at {clock}.",
            "Turnout stood at {turnout}, against {n4}% in {year}, according to the {org}'s figures for {n5} districts.",
            "Voters queued from dawn outside {n5} polling stations in {city}, and those in {district} and {village} stayed open until {clock}.",
            "{lead}'s campaign focused on bread prices in {district}, the {street} corruption scandal and relations with {partner}.",
            "Observers from {partner} said voting in {city} had been orderly but reported vote buying in {village} and {n1} other villages.",
            "{lead}, a former <mayor of {city}|finance minister|law professor> born in {village}, has promised to cut taxes and overhaul the judiciary by {year}.",
            "The {party2} accused the {org} of holding back results from {district} and {village2}, where it won {n4}% in {year}.",
            "Without a majority, the {party1} would need the {party2} or {n1} independents from {district}, {spokes} said.",
            "In {village}, officials counted ballots by lamplight after a power cut at {clock}.",
            "{n4} candidates from {n1} parties ran for the {seats} seats held by the {party1}.",
            "Posters of {lead} lined {street}, where {witl} said turnout felt higher than in {year}.",
            "Counting in {district} stopped for {span} minutes after a dispute over {n5} spoiled ballots.",
        ),
        "quotes": (
            ("lead", "Tonight the people have spoken, and they have chosen change"),
            ("off", "The counting is proceeding in a transparent manner, and every vote will be respected"),
            ("wit", "I voted for the first time in my life because I want my children to stay in this country"),
            ("lead", "We will not accept results that have been manipulated behind closed doors"),
            ("off", "It is too early to draw any conclusions, and I urge all parties to wait for the official count"),
            ("wit", "Nothing changes, whoever wins. Prices go up and the politicians stay the same"),
        ),
        "developments": (
            "With {pct} counted, the {party1} led by {n1} seats, with {district} and {village} still out, {spokes} said.",
            "The {party2} said it would challenge results in {n1} districts including {village}.",
            "{lead}'s supporters gathered on {street} in {city}, setting off fireworks at {clock}.",
        ),
    },
    "earthquake": {
        "headlines": (
            "Magnitude {mag} earthquake strikes {country}, killing at least {n1}",
            "Strong quake shakes {city}, sending residents into the streets",
            "Rescuers dig through rubble after deadly {country} earthquake",
            "Death toll climbs after magnitude {mag} quake hits {country}",
        ),
        "leads": (
            "A magnitude {mag} earthquake struck near {village} in {country} at {clock} on {weekday}, killing at least {n1} people, {spokes} of the {org} said.",
            "A quake centered {km} kilometers from {city} shook {district} and {village} on {weekday}, toppling {n5} homes.",
            "Rescuers in {village} and {village2} dug through rubble on {weekday} after a quake near {city} killed at least {n1} people.",
            "{village} lost {n5} homes and its {district} school when the ground shook for {n4} seconds on {weekday}, {witl} said.",
            "The {agency} said a magnitude {mag} tremor hit {country} at {clock} on {weekday}; {hospital} took in {n2} injured.",
        ),
        "details": (
            "The quake struck at {clock} about {dist} {direction} of {city} at a depth of {depth}, the {agency} said, near the town of {village}.",
            "At least {n2} people were injured, {spokes} of the {org} said, {n4} of them in {village}, where rescuers arrived only after {span} hours.",
            "{n1} aftershocks followed, the strongest a {aftershock} near {village2}, and about {n6} residents of {district} spent the night outdoors.",
            "In {village}, {n5} homes collapsed along {street}, and the {district} mosque lost its minaret, footage from the {org} showed.",
            "Power lines to {village} and {village2} were down, and the {org} said {n4} of {n5} villages in the area had no telephone service.",
            "{hospital} in {city} treated {n2} people by {clock}, and the army set up field clinics in {n1} schools in {district}.",
            "The fault under {district} last ruptured in {year}, when a magnitude {aftershock} quake killed {n5} people in {village2}.",
            "{offr} {off} declared a state of emergency in {village}, {village2} and {n1} other towns and sent {n6} soldiers.",
            "Cracks up to {n4} centimeters wide opened in the road between {village} and {village2}.",
            "{witl} spent {span} hours trapped under a staircase on {street} before neighbors freed him.",
            "Engineers condemned {n5} buildings in {district}, {spokesl} told state radio.",
            "Landslides cut the highway to {village2}, leaving {n6} residents reachable only by helicopter.",
            "Schools in {district} will stay shut for {n1} days while inspectors check classrooms.",
            "The tremor was felt {km} kilometers away in {partner}, seismologists reported.",
        ),
        "quotes": (
            ("wit", "The whole building was swaying. I grabbed my daughter and ran down the stairs in the dark"),
            (
                "off",
                "Our teams are working around the clock, and we will not stop while there is hope of finding people alive",
            ),
            ("wit", "We heard voices under the concrete for hours, but we had nothing to dig with except our hands"),
            ("off", "The priority now is shelter, clean water and medical care for the injured"),
            (
                "lead",
                "Buildings that were supposed to meet the code came down like paper, and someone must answer for that",
            ),
        ),
        "developments": (
            "The toll rose to {n1} by {clock}, {spokes} of the {org} said, with {n4} people missing in {village2}.",
            "Rescuers pulled {witl}, {n4}, from a building on {street} in {village} after {hours} hours.",
            "Teams from {partner} with {n1} dogs landed in {city} at {clock} and drove to {district}.",
        ),
    },
    "trade": {
        "headlines": (
            "{country} and {partner} resume trade talks amid tariff dispute",
            "Trade talks between {country} and {partner} end without deal",
            "{country}, {partner} near agreement on {goods} tariffs, officials say",
            "{partner} threatens new duties as talks with {country} stall",
        ),
        "leads": (
            "Negotiators from {country} and {partner} met on {street} in {city} on {weekday} to end a dispute over {tariff} tariffs on {goods} dating from {month}.",
            "Talks in {city} between {offl} of {country} and {lead} of {partner} broke up at {clock} on {weekday} without a deal on {goods}.",
            "{country} and {partner} are close to cutting duties on {goods} worth {money}, {spokes} of the {org} said in {city} on {weekday}.",
            "{offl} flew to {city} on {weekday} with {n1} aides for a {n4th} round of talks with {partner} on {goods}.",
            "Exporters of {goods} in {district} lost {money} since {month}, {spokes} said on {weekday} as talks with {partner} resumed.",
        ),
        "details": (
            "{partner} imposed a {tariff} tariff on {goods} from {country} in {month} {year}, and {country} answered with duties on {n5} farm products.",
            "Trade between the two was worth {money} last year, {spokes} of the {org} said, {n4}% of it in {goods}.",
            "The talks at {street} in {city} are led by {offr} {off} and {partner}'s deputy trade minister, {lead}.",
            "Exporters in {district} said {n5} firms had cut shifts since {month}, and the {org} put lost {goods} sales at {money}.",
            "The sides agreed quotas for {n1} product lines on {weekday} but not subsidies or origin rules, {spokes} said at {clock}.",
            "Shares of {goods} makers rose, and the main index in {city} closed up {move}, its best day since {month}.",
            "{lead} and {n1} opposition lawmakers from {district} accused {offl} of giving {partner} too much ground on {goods}.",
        ),
        "quotes": (
            ("off", "We have made real progress, but nothing is agreed until everything is agreed"),
            ("lead", "Our exporters cannot wait another year for an answer. They need certainty now"),
            ("off", "We are ready to take all necessary measures to protect our industries and our workers"),
            ("lead", "Tariffs are a tax on our own consumers, and everyone loses the longer this goes on"),
            ("off", "The talks were frank and constructive, and we agreed to meet again soon"),
        ),
        "developments": (
            "At {clock}, {offl} and {lead} said they would meet again in {district} within {n1} days.",
            "{partner}'s ministry said a deal must cap {goods} subsidies at {n4}%, {spokes} reported.",
            "The index in {city} fell {move} after the talks, with {n1} {goods} exporters among the losers.",
        ),
    },
    "sports": {
        "headlines": (
            "{team1} beat {team2} {score} to reach {comp} final",
            "{lead} scores twice as {team1} edge {team2}",
            "{team2} stunned {score} by {team1} in {comp}",
            "Late goal lifts {team1} past {team2} in {city}",
        ),
        "leads": (
            "{lead} scored twice as {team1} beat {team2} {score} in the {district} Stadium on {weekday} in {comp}.",
            "{team1} came from behind to beat {team2} {score} before {n3} fans in {city} on {weekday}, <{offl}'s {n4th} win|their first since {month}|keeping {comp} hopes alive>.",
            "{spokes}'s goal in the {minute2} minute gave {team1} a {score} win over {team2} on {weekday} in {comp}.",
            "{team1} moved into the draw of {comp} on {weekday} after {lead}'s {minute1}-minute goal sank {team2} {score}.",
            "{witl}'s red card in the {minute1} minute cost {team2} on {weekday}, as {team1} won {score} in {district}.",
        ),
        "details": (
            "{team2} took the lead in the {minute1} minute through {wit}'s header from a corner and led {n1}-0 at halftime.",
            "{lead} equalized {n1} minutes after the break, curling the ball past {witl} from {n4} meters.",
            "The winner came in the {minute2} minute, when {lead} turned in a low cross from {spokes} at the far post.",
            "A crowd of {n3} filled the {district} Stadium, the largest since {month} {year}, the {org} said.",
            "{team2} finished with 10 players after {wit} was sent off in the {n4th} minute for a second yellow card.",
            "The result leaves {team1} {n1} points behind {team2} with <a game in hand|two games to play|the season's final stretch ahead>.",
            "{offr} {off} said on {weekday} that {team1} had scored only {n1} goals in {n4} shots since {month}.",
            "{team1} <dominated possession|pressed high from the start|looked sharper> but <{spokes} wasted {n1} early chances|struggled to break down {team2}'s packed defense|were caught out twice by {wit}>.",
            "{team2} goalkeeper {witl} <made {n1} saves|kept his side in the game|was finally beaten> before {lead} <found the net|struck|made the difference> in the {minute2} minute.",
            "It was {team1}'s <third win in four matches|first victory over {team2} since {year}|fifth straight home win> and {offl}'s {n4th} in charge.",
            "{lead} has now scored <nine|11|14|seven> goals <this season|in all competitions|since joining from {team2} in {year}>.",
            "A video review <ruled out|confirmed> a <second-half|late> goal by {spokes} for {team2} after {n1} minutes.",
            "Fans of {team2} in the {street} stand <whistled their own players|left before the final whistle|chanted for {offl} to go>.",
            "{team1} <meet again|play their next league game|return to action> against {spokes}'s old club <on the weekend|next week|in four days>.",
            "The match in {district} was <played in heavy rain|delayed by {n1} minutes because of crowd congestion|held under tight security>, the {org} said.",
            "{spokes} hit the crossbar in the {minute1} minute, and {lead} volleyed wide soon after.",
            "{offl} replaced {n1} starters from the weekend, resting {spokesl} and {witl}.",
            "Ticket prices at the {district} Stadium had doubled to {n4} euros, angering supporters' groups.",
            "{team2} have now lost {n1} away games running and sit {n4th} in the table.",
            "{witl} limped off after {n4} minutes, and {team2} confirmed a hamstring strain.",
        ),
        "quotes": (
            ("lead", "It was a difficult night, but the team never stopped believing"),
            ("off", "We controlled the game for an hour and then we gave it away. That is on me"),
            ("lead", "Scoring in front of these fans is a dream. I will remember this night for a long time"),
            ("off", "The referee's decisions were hard to understand, but we have to look at ourselves first"),
            ("wit", "I have followed this club for forty years and I have never seen an atmosphere like this"),
        ),
        "generic": (),
        "developments": (
            "{team2} said on {weekday} it would appeal {wit}'s red card, {spokes} said.",
            "{lead} left the {district} Stadium with his ankle strapped, and {team1} said he would have a scan at {hospital}.",
            "Police said {n1} fans were held after fights on {street} near the stadium.",
        ),
    },
    "storm": {
        "headlines": (
            "{storm} slams {country}, leaving {n1} dead",
            "Floods swamp {city} as {storm} dumps heavy rain",
            "Thousands evacuated as {storm} nears {country} coast",
            "{storm} leaves trail of destruction across {country}",
        ),
        "leads": (
            "{storm} hit {district} and {village} in {country} on {weekday} with winds of {wind}, killing at least {n1} people, {spokes} of the {org} said.",
            "Floodwater rose {n4} centimeters an hour on {street} in {city} on {weekday} as {storm} dropped {rain} of rain.",
            "Authorities moved {n3} people from {village} and {village2} on {weekday} as {storm} neared {city}.",
            "{n4} people were missing in {village} on {weekday} after {storm} tore roofs off {n5} homes on {street}.",
            "Winds of {wind} cut power to {district} at {clock} on {weekday}, {spokes} said as {storm} crossed {country}.",
        ),
        "details": (
            "{spokes} of the {org} said {n2} homes in {district} and {village} had been damaged and {street} was impassable.",
            "About {n3} households in {district} and {village2} were without electricity at {clock}, the grid operator said.",
            "{n5} schools were closed, and the airport in {city} canceled {n4} flights until {clock} on {weekday}.",
            "Rescuers in {n1} boats ferried {n5} residents from {village}, some of them stranded on rooftops along {street}.",
            "Forecasters said {storm} would weaken over {village2} but warned of landslides in {district}, where {n1} died in {year}.",
            "{storm} is storm number {n1} to hit {region} since {month}, and rainfall in {district} was {n4}% above average.",
            "Farmers in {village} said {n6} hectares of rice and maize were flattened by winds of {wind}.",
            "Mudslides buried {n1} houses above {village2}, and {spokesl} said diggers could not reach them before {clock}.",
            "{witl}, who runs a bakery on {street}, lost her stock when water filled the shop to the ceiling.",
            "Ferries to {village} stopped after gusts reached {wind}, stranding {n5} travelers at {city}'s port.",
            "Insurers estimated claims from {district} at {money}, {spokes} told local radio.",
            "{n4} roads out of {city}, including {street}, were under water by {clock}.",
            "Volunteers at {hospital} filled sandbags while generators kept {n1} wards running.",
        ),
        "quotes": (
            ("wit", "The water came up to our chests in minutes. We lost everything we had"),
            ("off", "Please stay indoors and follow the instructions of the emergency services"),
            ("wit", "We waited on the roof all night until the boat came for us"),
            ("off", "The damage is extensive, and recovery will take months, not weeks"),
            ("lead", "Every year we are told these storms are exceptional. They are not exceptional anymore"),
        ),
        "developments": (
            "By {clock} the toll was {n1}, with {n2} missing in {village2}, {spokes} of the {org} said.",
            "{offl} said {money} in emergency funds and {n6} soldiers would go to {district}.",
            "The river at {village2} burst its banks overnight, and {n5} more people were moved from {street}.",
        ),
    },
    "attack": {
        "headlines": (
            "Rocket attack on {target} near {city} kills {n1}",
            "{group} claims attack on {target} in {country}",
            "{country} vows response after deadly attack on {target}",
            "Militants storm {target} in {country}; troops return fire",
        ),
        "leads": (
            "Militants fired {n4} rockets at {target} near {village} outside {city} at {clock} on {weekday}, killing {n1} people, {spokes} said.",
            "The {group} said on {weekday} it attacked {target} in {district}, {country}, where {n1} people died.",
            "Gunmen attacked {target} near {village}, {km} kilometers from {city}, at {clock} on {weekday}, and fought troops for {span} hours.",
            "{n1} soldiers died at {target} near {village} on {weekday} in an assault {spokes} blamed on the {group}.",
            "Sirens sounded across {district} at {clock} on {weekday} as rockets hit {target} {km} kilometers from {city}.",
        ),
        "details": (
            "The attack came days after strikes on {group} bases near {village}, which killed {n2} fighters, {spokes} said.",
            "Troops sealed off {street} and the roads to {village}, and {n1} helicopters circled over {district} until {clock}.",
            "Two officials said the rockets were launched at {clock} from a farm in {village}, about {dist} from {target}.",
            "The {group} formed in {district} in {year} and has about {n6} fighters, according to {org} estimates.",
            "{offr} {off} ordered an investigation and said the {n1} suspects seen on {street} would be found.",
            "Embassies in {city} advised citizens to avoid {street} and {district} for {n1} days.",
            "It was the {n4th} attack on {target} since {month}, {spokes} of the {org} said.",
        ),
        "quotes": (
            ("off", "This cowardly attack will not go unanswered"),
            ("off", "We will protect our people and our facilities wherever they are"),
            ("wit", "The explosions shook the windows of the whole street, and then we heard shooting for an hour"),
            ("lead", "The presence of foreign forces is the cause of this instability, and they must leave"),
            ("wit", "We are tired of living between the rockets and the air strikes"),
        ),
        "developments": (
            "A statement from the {group} posted at {clock} said the attack on {village} avenged the strikes.",
            "The number of wounded at {hospital} rose to {n2}, {spokes} said.",
            "Police arrested {n1} suspects on {street} in {district}, {offl} said.",
        ),
    },
    "court": {
        "headlines": (
            "{country}'s {court} {verdict} {law}",
            "Top court in {country} {verdict} {law} after months of protests",
            "{country} court {verdict} {law}; {party} vows to fight on",
            "{defendant} sentenced to {years} years in {country} corruption case",
        ),
        "leads": (
            "{country}'s {court} {verdict} {law} by {n1} votes on {weekday}, <in a ruling read at {clock}|after {span} hours of deliberation|in a case brought in {year}>.",
            "The {court} in {city} {verdict} {law} on {weekday}, ruling on a challenge by {lead} and {n4} lawmakers from {district}.",
            "A court in {city} sentenced {defendant}, a former {offr} from {district}, to {years} years in prison on {weekday}.",
            "{lead} hailed the {court}'s ruling on {law} as {n5} supporters cheered on {street} on {weekday}.",
            "{n1} judges of the {court} in {city} {verdict} {law} on {weekday}, a case {spokes} filed in {year}.",
        ),
        "details": (
            "{n1} of the {court}'s judges backed the ruling, and {lead} read the dissent at {clock}.",
            "{offr} {off} had argued that {law} was needed to clear a backlog of {n6} cases since {year}.",
            "{lead} said {law} would let {offl} appoint {n4} judges and weaken oversight, {spokes} reported.",
            "Prosecutors said {defendant} steered contracts worth {money} to {n1} firms owned by relatives in {district}.",
            "About {n5} supporters gathered on {street} outside the court in {city}, and police kept the camps apart until {clock}.",
            "The ruling cannot be appealed, but {offl}'s allies could pass a revised law by {month}, {spokes} said.",
            "The decision will shape {n1} cases pending before the {court}, including one from {district} filed in {year}.",
            "Security guards searched {n5} spectators before the hearing, which began at {clock}.",
            "Lawyers for the state had filed {n4} pages of arguments defending {law}.",
            "{spokesl}, who teaches law in {city}, called the vote a rebuke to {offl}.",
            "The case began with a petition signed by {n6} residents of {district} in {month}.",
        ),
        "quotes": (
            ("lead", "Today the constitution won, and so did every citizen of this country"),
            ("off", "We respect the court's decision, but we disagree with it profoundly"),
            ("lead", "This verdict was written before the trial began"),
            ("off", "No one is above the law, however powerful they once were"),
            ("wit", "I came here because this case is about whether our votes still matter"),
        ),
        "developments": (
            "{offl} said at {clock} that the government would study the ruling, {spokes} reported.",
            "Lawyers for {defendant} said they would appeal to the {court} within {n1} days.",
            "{lead} called a rally on {street} in {city} for {weekday}.",
        ),
    },
}

GENERIC: dict[str, tuple[str, ...]] = {
    "background": (
        "Inflation in {country} reached {n4}% in {month}, and debt has climbed to {pct} of output since {year}.",
        "{country} is seeking a {money} loan, and {offl} met lenders in {city} on {weekday}, {spokes} said.",
        "Tensions in {region} have risen since {month}, when {n1} people died near {village}.",
        "{offr} {off} has faced criticism since {year} over floods in {district} and the {street} affair.",
        "{city}, home to about {pop} million people, saw unrest in {district} in {year} and again in {month}.",
        "Similar events in {village} in {year} drew condemnation from {n1} rights groups and {partner}.",
        "The {org} was criticized in {month} after it took {span} hours to reach {village2}.",
    ),
    "reaction": (
        "{spokes}, the {org}'s spokesperson, did not respond to {n1} calls and messages on {weekday}.",
        "The U.N. office in {city} said it was following events in {district} and urged restraint.",
        "{partner} offered assistance in a statement issued at {clock} on {weekday}.",
        "The European Union's envoy to {country} met {offl} on {weekday} and called for calm.",
        "{lead} said the response in {district} and {village} had been slow and poorly coordinated.",
        "{n1} rights groups, including one based in {district}, called for an inquiry.",
    ),
    "outlook": (
        "It was not clear how {offl} would respond, {spokes} said.",
        "The {org} said it would give new figures for {district} at {clock} on {weekday}.",
        "Lawmakers from {district} are due to debate the matter on {weekday}.",
        "Markets in {city} open at {clock}, and {spokes} said investors would watch {offl}.",
    ),
    "color": (
        "On {street} in {city}, {n1} of {n4} shops stayed closed and cafes were half empty.",
        "Residents of {district} gathered on {street}, checking their phones for news from {village}.",
        "{country}'s state television ran pictures from {village} until {clock}.",
        "Videos from {district} were shared {n6} times by {clock}, some of them unverified.",
    ),
}

# How a quote is attributed, per speaker kind; "{q}" is the quote text. The first quote of a
# speaker introduces them; later ones use REPEAT_ATTRIBUTIONS (last name only), as wire copy does.
ATTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "off": (
        "“{q},” {offr} {off} said< in a statement| at a news conference| in a televised address|>.",
        "“{q},” said {offl}, the {offr}.",
        "{offr} {off} told reporters: “{q}.”",
    ),
    "lead": (
        "“{q},” {lead} said.",
        "“{q},” said {lead}, the {leadr}.",
        "{lead}, the {leadr}, told <reporters|supporters|a crowd> in {city}: “{q}.”",
    ),
    "wit": (
        "“{q},” said {wit}, a <resident of|shopkeeper in|teacher from> {city}.",
        "{wit}, <42|35|58|27|61>, said: “{q}.”",
        "“{q},” said {witl}, who asked that only her family name be used for fear of reprisals.",
    ),
}

REPEAT_ATTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "off": ("“{q},” {offl} said.", "“{q},” {offl} added.", "{offl} said: “{q}.”"),
    "lead": ("“{q},” {leadl} said.", "“{q},” {leadl} added.", "{leadl} said: “{q}.”"),
    "wit": ("“{q},” {witl} said.", "“{q},” {witl} added."),
}
