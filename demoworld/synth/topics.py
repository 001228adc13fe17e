"""Story templates per news topic, written for this project.

A template is a sentence with ``{slot}`` placeholders filled from an event's facts and
``<a|b|c>`` choices picked at random, so two reports built from the same facts still differ in
wording. Each topic supplies headlines, leads, detail sentences, quotes (speaker, text) and
"developments" (new information a write-through adds). :data:`GENERIC` holds topic-neutral
background, reaction and outlook sentences shared by every topic.

Slots every topic can use: city, country, region, weekday, off/offl/offr (an official: full
name, last name, title), lead/leadl/leadr (a second protagonist), wit/witl (a witness or
resident), org, n1 (a small count), n2 (a medium count), n3 (a large count, "4,000"), pct, move
(a market move, "1.4%"), money.
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
            "Thousands of protesters marched through {city} on {weekday} to denounce {cause}, <in the largest demonstration the capital has seen in years|defying a ban on public gatherings|blocking traffic for hours>.",
            "Police in {country} fired tear gas and water cannon on {weekday} to disperse crowds who had gathered outside {venue} to protest {cause}.",
            "Anger over {cause} spilled onto the streets of {city} on {weekday}, as demonstrators clashed with riot police near {venue}.",
        ),
        "details": (
            "Organizers said about {n3} people took part, while police put the figure at <roughly half that|fewer than half of that number|a much lower number>.",
            "At least {n1} people were detained, according to the {org}, which said officers had come under attack from stone-throwing youths.",
            "{n2} people were treated for injuries, most of them for the effects of tear gas, a <hospital official|medical volunteer|health ministry spokesperson> said.",
            "Demonstrators waved national flags and chanted slogans against the government as they moved toward {venue}.",
            "Shops along the main boulevard pulled down their shutters, and public transport in the city center was <suspended|halted|disrupted> for much of the afternoon.",
            "The protest movement has no formal leadership and was organized largely through messaging apps and social media.",
            "Riot police in helmets and body armor lined the approaches to {venue}, and armored vehicles were parked in side streets.",
            "The government has said {cause} is necessary to stabilize public finances, a position backed by international lenders.",
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
            "By evening, the number of people detained had risen to {n1}, the {org} said in a later statement.",
            "{offr} {off} called for calm in a televised address late on {weekday} and said he would meet protest representatives.",
            "Clashes continued after nightfall, with protesters setting tires ablaze on two main roads, witnesses said.",
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
            "Voters in {country} went to the polls on {weekday} in a closely fought parliamentary election that pits the governing {party1} against the opposition {party2}.",
            "The {party1} took an early lead in {country}'s parliamentary election on {weekday}, according to preliminary results released by the {org}.",
            "{country}'s opposition leader {lead} declared victory late on {weekday} in an election that <observers had described as the most competitive in decades|had been overshadowed by a weak economy|was marred by reports of irregularities>.",
        ),
        "details": (
            "With about {pct} of ballots counted, the {party1} had won {seats} of the 150 seats in parliament, the {org} said.",
            "Turnout stood at {turnout}, <slightly higher than|roughly in line with|well below> the previous election, according to official figures.",
            "Long lines formed outside polling stations in {city} early in the morning, and some stations stayed open late to accommodate voters.",
            "The campaign was dominated by the rising cost of living, corruption and the country's relations with its neighbors.",
            "International observers said voting had been largely orderly, though they noted reports of vote buying in rural districts.",
            "{lead}, a former <mayor of {city}|finance minister|law professor>, has promised to cut taxes and overhaul the judiciary.",
            "The {party2} accused election officials of delaying the release of results from districts where it expected to do well.",
            "No party is expected to win an outright majority, which would force weeks of coalition talks.",
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
            "With {pct} of ballots counted, the gap between the two main parties had narrowed to less than two percentage points, the {org} said.",
            "The {party2} said it would challenge results in {n1} districts, alleging ballot stuffing.",
            "Supporters of {lead} gathered outside party headquarters in {city}, waving flags and setting off fireworks.",
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
            "A magnitude {mag} earthquake struck {country} on {weekday}, killing at least {n1} people and collapsing buildings in several towns, officials said.",
            "A powerful earthquake shook {city} and the surrounding region early on {weekday}, toppling homes and sending panicked residents running into the streets.",
            "Rescue workers in {country} searched through the rubble of collapsed buildings on {weekday} after a strong earthquake killed at least {n1} people.",
        ),
        "details": (
            "The quake was centered about {dist} {direction} of {city} at a depth of {depth}, according to the {agency}.",
            "At least {n2} people were injured, the {org} said, and the toll was expected to rise as rescuers reached remote villages.",
            "Several aftershocks followed, the strongest measuring {aftershock}, and many residents spent the night outdoors.",
            "Television footage showed the facades of apartment blocks torn away and cars crushed under fallen masonry.",
            "Power and telephone lines were down in much of the affected area, hampering efforts to assess the damage.",
            "Hospitals in {city} were overwhelmed, and authorities set up field clinics in school courtyards and stadiums.",
            "The region sits on active fault lines and has been hit by <several|a number of|repeated> deadly earthquakes in recent decades.",
            "The government declared a state of emergency in the worst-hit provinces and dispatched soldiers to help with rescue work.",
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
            "The death toll rose to {n1} by late {weekday}, the {org} said, with dozens of people still missing.",
            "Rescuers pulled a woman alive from the rubble of a five-story building nearly {hours} hours after the quake, drawing cheers from onlookers.",
            "Neighboring countries offered search teams and sniffer dogs, and the first international crews landed in {city} in the evening.",
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
            "Negotiators from {country} and {partner} resumed talks in {city} on {weekday} aimed at ending a months-long dispute over tariffs on {goods}.",
            "Trade talks between {country} and {partner} broke up on {weekday} without an agreement, <raising the prospect of new tariffs|deepening uncertainty for exporters|dealing a setback to hopes of a quick deal>.",
            "{country} and {partner} are close to an agreement that would lower duties on {goods}, officials from both sides said on {weekday}.",
        ),
        "details": (
            "{partner} imposed a {tariff} tariff on {goods} from {country} last year, and {country} retaliated with duties on farm products.",
            "Trade between the two economies was worth about {money} last year, according to official figures.",
            "The talks are being led by {offr} {off} and a senior trade official from {partner}.",
            "Business groups on both sides have warned that the dispute is disrupting supply chains and raising costs for consumers.",
            "Officials said the sides had narrowed their differences on quotas but remained apart on subsidies and rules of origin.",
            "Shares of {goods} producers rose on hopes of a deal, with the main index in {city} closing up {move}.",
            "The dispute has become an issue in domestic politics, with opposition lawmakers accusing the government of giving too much ground.",
        ),
        "quotes": (
            ("off", "We have made real progress, but nothing is agreed until everything is agreed"),
            ("lead", "Our exporters cannot wait another year for an answer. They need certainty now"),
            ("off", "We are ready to take all necessary measures to protect our industries and our workers"),
            ("lead", "Tariffs are a tax on our own consumers, and everyone loses the longer this goes on"),
            ("off", "The talks were frank and constructive, and we agreed to meet again soon"),
        ),
        "developments": (
            "Late on {weekday}, the two sides issued a joint statement saying they would meet again within {n1} days.",
            "{partner}'s trade ministry said in a statement that any deal must include binding commitments on {goods} subsidies.",
            "Markets in {city} fell after the talks ended, with exporters among the biggest losers.",
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
            "{lead} scored twice as {team1} beat {team2} {score} on {weekday} to advance in {comp}.",
            "{team1} came from behind to defeat {team2} {score} in {city} on {weekday}, <keeping their title hopes alive|ending a five-game winless run|silencing a hostile crowd>.",
            "A stoppage-time goal gave {team1} a {score} win over {team2} on {weekday}, sending the visitors through to the next round of {comp}.",
        ),
        "details": (
            "{team2} had taken the lead in the {minute1} minute through a header from a corner, and led at halftime.",
            "{lead} equalized shortly after the break with a curling shot from the edge of the area.",
            "The winner came in the {minute2} minute, when {lead} turned in a low cross at the far post.",
            "A crowd of {n3} packed the stadium, the largest attendance of the season.",
            "{team2} finished with 10 players after their captain was sent off for a second yellow card.",
            "The result leaves {team1} {n1} points behind the leaders with <a game in hand|two games to play|the season's final stretch ahead>.",
            "{offr} {off} said before the match that his side needed to improve its finishing.",
            "{team1} <dominated possession|pressed high from the start|looked sharper> but <wasted a string of early chances|struggled to break down a packed defense|were caught out twice on the counterattack>.",
            "The visitors' goalkeeper <made a string of fine saves|kept his side in the game|was finally beaten> before {lead} <found the net|struck|made the difference>.",
            "It was {team1}'s <third win in four matches|first victory over {team2} in two years|fifth straight home win>.",
            "{lead} has now scored <nine|11|14|seven> goals <this season|in all competitions|since joining in the summer>.",
            "A video review <ruled out|confirmed> a <second-half|late> goal for {team2} <for offside|after a foul in the buildup|following a lengthy check>.",
            "Fans of {team2} <whistled their own players|left before the final whistle|chanted for the coach to go> as the result sank in.",
            "Both sides <meet again|play their next league games|return to action> <on the weekend|next week|in four days>.",
            "The match was <played in heavy rain|delayed by 15 minutes because of crowd congestion|held under tight security>, organizers said.",
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
            "{team2} said after the match it would appeal the red card shown to its captain.",
            "{lead} left the stadium with his ankle strapped, and the club said he would undergo a scan on {weekday}.",
            "Police said {n1} fans were arrested after scuffles outside the stadium.",
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
            "{storm} swept across {country} on {weekday}, bringing winds of up to {wind} and torrential rain that killed at least {n1} people, authorities said.",
            "Floodwaters rose through the streets of {city} on {weekday} as {storm} dumped more than {rain} of rain in 24 hours.",
            "Authorities in {country} evacuated {n3} people from low-lying areas on {weekday} as {storm} approached the coast.",
        ),
        "details": (
            "The {org} said {n2} homes had been damaged or destroyed and that many roads were impassable.",
            "About {n3} households were without electricity, the national grid operator said.",
            "Schools and offices were closed, and the main airport in {city} canceled all flights until further notice.",
            "Rescue teams in boats ferried residents from flooded neighborhoods, some of them stranded on rooftops.",
            "Forecasters said the storm would weaken as it moved inland but warned of landslides in mountainous areas.",
            "Scientists say a warming climate is making storms in {region} wetter and more intense.",
            "Farmers reported heavy losses, with fields of rice and maize flattened by the wind.",
        ),
        "quotes": (
            ("wit", "The water came up to our chests in minutes. We lost everything we had"),
            ("off", "Please stay indoors and follow the instructions of the emergency services"),
            ("wit", "We waited on the roof all night until the boat came for us"),
            ("off", "The damage is extensive, and recovery will take months, not weeks"),
            ("lead", "Every year we are told these storms are exceptional. They are not exceptional anymore"),
        ),
        "developments": (
            "The death toll rose to {n1} later on {weekday}, with at least {n2} people reported missing, the {org} said.",
            "The government said it would release emergency funds and deploy soldiers to help clear debris.",
            "Rivers in the north burst their banks overnight, forcing a second wave of evacuations.",
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
            "Militants fired rockets at {target} near {city} on {weekday}, killing {n1} people and wounding several others, security officials said.",
            "The {group} claimed responsibility on {weekday} for an attack on {target} in {country} that killed {n1} people.",
            "Gunmen attacked {target} outside {city} late on {weekday}, setting off an hours-long firefight with security forces.",
        ),
        "details": (
            "The attack came days after air strikes on bases belonging to the {group}, which killed {n2} fighters, according to the group.",
            "Security forces sealed off roads around the site and helicopters circled overhead, residents said.",
            "Two officials, speaking on condition of anonymity because they were not authorized to brief the media, said the rockets were launched from a farm about {dist} away.",
            "The {group} is one of several armed factions that have grown in strength since the end of the war.",
            "{offr} {off} ordered an investigation and said those responsible would be brought to justice.",
            "Embassies in {city} advised their citizens to limit movement and avoid large gatherings.",
            "The attack raised fears of a wider escalation in a region already on edge.",
        ),
        "quotes": (
            ("off", "This cowardly attack will not go unanswered"),
            ("off", "We will protect our people and our facilities wherever they are"),
            ("wit", "The explosions shook the windows of the whole street, and then we heard shooting for an hour"),
            ("lead", "The presence of foreign forces is the cause of this instability, and they must leave"),
            ("wit", "We are tired of living between the rockets and the air strikes"),
        ),
        "developments": (
            "A spokesman for the {group} said in a statement posted online that the attack was retaliation for the earlier strikes.",
            "The number of wounded rose to {n2}, a hospital official said late on {weekday}.",
            "The defense ministry said it had arrested {n1} suspects in connection with the attack.",
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
            "{country}'s {court} on {weekday} {verdict} {law}, <in a closely watched ruling|in a decision read out in a packed courtroom|after weeks of deliberation>.",
            "The {court} in {country} {verdict} {law} on {weekday}, ruling on a challenge brought by opposition lawmakers.",
            "A court in {city} on {weekday} sentenced {defendant}, a former senior official, to {years} years in prison for corruption.",
        ),
        "details": (
            "The ruling was approved by {n1} of the court's judges, with the rest dissenting.",
            "The government had argued that {law} was needed to modernize the country's institutions.",
            "Critics said {law} would give the executive sweeping powers over appointments and weaken oversight.",
            "Prosecutors said {defendant} had steered public contracts worth {money} to companies owned by relatives.",
            "Dozens of supporters gathered outside the courthouse in {city}, and police kept the two camps apart.",
            "The decision cannot be appealed, although the government could try to pass a revised version of the law.",
            "Legal experts said the ruling was likely to shape a series of pending cases before the court.",
        ),
        "quotes": (
            ("lead", "Today the constitution won, and so did every citizen of this country"),
            ("off", "We respect the court's decision, but we disagree with it profoundly"),
            ("lead", "This verdict was written before the trial began"),
            ("off", "No one is above the law, however powerful they once were"),
            ("wit", "I came here because this case is about whether our votes still matter"),
        ),
        "developments": (
            "{offr} {off} said in a statement that the government would study the ruling before deciding its next steps.",
            "Lawyers for {defendant} said they would appeal and described the verdict as politically motivated.",
            "Opposition parties called a rally in {city} for the weekend to celebrate the decision.",
        ),
    },
}

GENERIC: dict[str, tuple[str, ...]] = {
    "background": (
        "{country} has faced mounting economic pressure over the past year, with inflation eroding wages and public debt climbing.",
        "The events come at a delicate moment for {country}, which is seeking a new loan from international lenders.",
        "Tensions have been rising across {region} for months, and diplomats have warned of the risk of a wider crisis.",
        "The government has faced criticism at home over its handling of a series of crises.",
        "{city}, home to about {pop} million people, has seen repeated bouts of unrest in recent years.",
        "Similar events in {country} in the past have drawn condemnation from rights groups and foreign governments.",
        "The {org} has been under pressure to show it can respond quickly after criticism of its performance last year.",
        "Analysts say the situation reflects deeper divisions in {country} that have been building for a decade.",
    ),
    "reaction": (
        "The {org} did not immediately respond to a request for comment.",
        "The United Nations said it was following the situation closely and urged all sides to show restraint.",
        "Neighboring governments expressed concern and offered assistance, according to statements issued on {weekday}.",
        "The European Union called for calm and said it stood ready to help.",
        "Opposition politicians criticized the government's response, saying it had been slow and poorly coordinated.",
        "Rights groups called for an independent investigation.",
    ),
    "outlook": (
        "It was not immediately clear how the government would respond.",
        "Officials said more information would be released in the coming days.",
        "Further developments were expected later in the week, officials said.",
        "The situation remained fluid late on {weekday}, and authorities urged people to rely on official information.",
        "Parliament is due to debate the matter next week.",
        "Investors will be watching closely when markets open, analysts said.",
    ),
    "color": (
        "On the streets of {city}, the mood was tense, and many shops stayed closed.",
        "Residents gathered in small groups on street corners, swapping news and checking their phones.",
        "Local television broadcast live pictures for much of the day, interspersed with statements from officials.",
        "Social media was flooded with videos of the scene, some of which could not be independently verified.",
        "In cafes across {city}, people crowded around television sets to follow the news.",
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
