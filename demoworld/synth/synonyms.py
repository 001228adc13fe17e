"""The spinner's thesaurus: words and phrases with the clumsy synonyms article spinners use.

Written for this project. Like real spinners it knows nothing of context, so it also rewrites
parts of fixed phrases ("prime minister" -> "key minister", "tear gas" -> "tear fuel"-style
slips), which is what makes spun copies hard to match on word shingles. One line per entry:
``phrase | replacement | replacement ...``; phrases are lower case and may span several words.
"""

from __future__ import annotations

_TABLE = """
contributed | donated | added
additional reporting | further reporting | extra coverage
reporting | coverage | protection
editing | modifying | enhancing
writer | author | creator
post | publish | submit
editor | publisher
said | stated | mentioned | noted | acknowledged
says | states | mentions | notes
told | informed | instructed
told reporters | informed journalists | advised newsmen
according to | in line with | based on
officials | authorities | functionaries
official | functionary | authorized
police | law enforcement | cops
government | administration | authorities
protesters | demonstrators | objectors
protest | demonstration | objection
protests | demonstrations | objections
crowd | throng | gathering
crowds | throngs | gatherings
thousands | hundreds of | lots of
thousands of | many hundreds of | a whole lot of
hundreds | scores | a whole bunch
dozens | many | a number of
people | individuals | folks
residents | inhabitants | locals
killed | slain | left useless
killing | slaying | taking the lives of
dead | useless | lifeless
injured | harm | wounded
injuries | accidents | wounds
wounded | harm | injured
attack | assault | strike
attacks | assaults | strikes
militants | fighters | extremists
fighters | combatants | warriors
forces | drives | troops
security forces | safety drives | protection forces
security | safety | protection
military | navy | armed forces
soldiers | troopers | servicemen
troops | troopers | forces
air strikes | aerial assaults | air raids
rockets | missiles | projectiles
gunmen | shooters | armed males
statement | assertion | announcement
in a statement | in an announcement | in an assertion
news conference | information convention | press briefing
reporters | journalists | newsmen
minister | secretary | priest
prime minister | key minister | premier
president | chief | head of state
capital | funds | money
city | metropolis | town
country | nation | state
countries | nations | international locations
government's | administration's | authorities'
election | vote | ballot
elections | votes | polls
voters | electors | citizens
vote | poll | ballot
votes | ballots | polls
ballots | votes | poll slips
opposition | resistance | competitors
party | celebration | get together
parties | events | get togethers
parliament | legislature | congress
lawmakers | legislators | members of congress
campaign | marketing campaign | drive
results | outcomes
early | preliminary
victory | win | conquer
declared | introduced | proclaimed
earthquake | quake | tremor
quake | tremor | temblor
strong | robust | sturdy
powerful | highly effective | potent
magnitude | size
buildings | structures | constructions
building | constructing | structure
homes | houses | properties
rubble | particles | debris
rescue | save
rescuers | rescue staff | saviors
rescue workers | rescue staff | rescue employees
search | hunt | seek for
searched | hunted | looked
collapsed | crumbled
damage | harm | injury
damaged | broken | harmed
destroyed | ruined | wrecked
missing | lacking
hospital | clinic | medical center
hospitals | medical centers
emergency | disaster
state of emergency | state of disaster | emergency situation
storm | tempest | gale
flood | inundation | deluge
floods | inundations | deluges
floodwaters | flood waters | deluge waters
rain | rainfall | precipitation
heavy | weighty
winds | gusts | breezes
water | liquid
electricity | electrical energy | energy
power | energy
roads | highways | streets
streets | roads
trade | commerce | buying and selling
trade talks | commerce talks | buying and selling negotiations
talks | negotiations | discussions
negotiators | mediators | arbitrators
tariff | obligation
tariffs | duties | levies
duties | obligations
deal | settlement
agreement | settlement | accord
exporters | sellers
economy | economic system | financial system
economies | economic systems | financial systems
economic | financial | economical
markets | marketplaces
shares | stocks
prices | costs | charges
price | value | worth
cost | value | price
consumers | shoppers | customers
business | enterprise
companies | firms | corporations
workers | staff | employees
jobs | positions
industry | business | trade
goods | items | merchandise
farm | agricultural
money | cash | funds
public | common
debt | liabilities
loan | mortgage | credit score
court | court docket | courtroom
ruling | governing
ruled | dominated | decided
judges | justices
law | regulation | legislation
laws | legal guidelines | rules
lawyers | attorneys | legal professionals
prosecutors | prosecution | public prosecutors
sentenced | condemned
prison | jail
corruption | graft
former | ex
senior | high-ranking
decision | choice | determination
challenge | problem
constitutional | lawful
match | sport
game | sport | recreation
team | workforce | crew
side | aspect | facet
goal | objective | aim
goals | targets | aims
scored | netted
win | conquer
beat | overwhelmed
fans | followers | supporters
stadium | area
club | membership | golf equipment
coach | bus
crowd of | throng of | gathering of
players | gamers
captain | skipper
halftime | half time | interval
final | last | closing
round | spherical
title | championship
leaders | chiefs
leader | chief | head
supporters | backers
spokesman | representative
spokesperson | representative
groups | teams | organizations
members | participants
claimed responsibility | claimed accountability | took credit
responsibility | accountability | duty
claimed | asserted
investigation | probe
arrested | detained
detained | held
suspects | suspected persons
rights groups | rights teams | human rights organizations
violence | brutality
peaceful | peaceable | calm
calm | quiet
tension | rigidity | stress
tensions | strains
tense | stressed
fears | worries
concern | fear
crisis | disaster
region | area
neighboring | adjoining
international | worldwide | global
foreign | international | overseas
united nations | united international locations | un
european union | eu
middle east | center east | mideast
north africa | northern africa
west africa | western africa
east africa | eastern africa
central europe | middle europe
southern europe | southern european
latin america | south america
southeast asia | south-east asia
rose | climbed
rise | climb
rising | growing
increase | enhance | improve
increases | will increase | enhancements
growing | rising
fell | dropped
higher | larger | greater
lower | decrease
largest | greatest
biggest | greatest | largest
large | giant | massive
small | little
major | main | important
main | major | principal
key | important
new | recent
old | previous | outdated
last year | final yr | previous yr
year | yr | 12 months
night | night time | evening
evening | night
overnight | in a single day
late | belated
later | afterward
earlier | beforehand
soon | quickly
immediately | instantly | straight away
quickly | rapidly | shortly
again | once more | once again
still | nonetheless
already | previously
also | additionally | moreover
however | nonetheless | nevertheless
but | however
although | though
while | whereas
after | following
before | earlier than | prior to
during | throughout | all through
about | round
around | round | about
near | close to
outside | exterior
inside | within
across | throughout
through | via | by means of
toward | towards | in direction of
among | amongst
under | beneath | underneath
up to | as much as
more than | greater than | in excess of
less than | lower than | fewer than
at least | a minimum of | not less than
several | a number of
many | quite a few
some | a few
every | each
each | every
other | different
another | one other
whole | complete
entire | whole | complete
only | solely
just | simply
much | a lot
big | massive | huge
long | lengthy | prolonged
short | brief | quick
high | excessive
far | distant
close | shut
closed | shut
unclear | unsure
possible | potential | doable
likely | probably | possible
expected | anticipated | predicted
expects | anticipates
planned | deliberate
said it would | stated it might | mentioned it will
could | may | might
should | ought to
must | should
need | want
needed | wanted
necessary | mandatory | obligatory
important | essential | vital
difficult | tough | troublesome
hard | exhausting | arduous
easy | simple | straightforward
help | assist
helped | assisted
support | assist | help
supported | backed
try | strive | attempt
tried | attempted
trying | making an attempt
begin | start
began | started
start | begin
started | began
end | finish
stop | cease | halt
continue | proceed
continued | persisted
remained | stayed
remain | stay
stay | keep
leave | go away | depart
left | departed
returned | got here back
came | got here
got | obtained
keep | hold
kept | stored | saved
hold | maintain
bring | convey | deliver
brought | introduced | delivered
send | ship
sent | despatched
call | name
called | referred to as | known as
called for | referred to as for | known as for
urged | pressed
warned | cautioned
announced | introduced | declared
reported | stated
reports | experiences | reviews
news | information
information | data | info
media | press
television | tv
footage | pictures
videos | movies
images | photographs | photos
pictures | footage | photos
social media | social networks
online | on-line | on the internet
phone | cellphone | telephone
phones | telephones
show | present
showed | confirmed
shows | reveals | exhibits
seen | witnessed
saw | noticed
watching | observing
looked | seemed | appeared
known | recognized | identified
think | suppose | assume
believe | imagine | consider
believed | thought
want | need
wanted | needed
asked | requested
answer | reply
respond | reply
response | reply
comment | remark
meeting | assembly
together | collectively
family | household
families | households
children | kids
child | little one | baby
women | girls | ladies
woman | girl | lady
men | males
life | existence
house | home
area | space
street | avenue | road
square | sq.
center | middle | heart
world | globe
national | nationwide
local | native
nearby | close by
urban | city
fire | hearth | fireplace
ablaze | on fire
tear gas | tear fuel | tear gasoline
gas | fuel | gasoline
water cannon | water gun
riot police | anti-riot police
armored | armoured
vehicles | autos | automobiles
cars | vehicles | automobiles
traffic | site visitors | visitors
transport | transportation
airport | airfield
schools | colleges | faculties
school | faculty | college
offices | places of work | workplaces
shops | outlets | retailers
students | college students | scholars
teacher | instructor | trainer
doctors | docs | medical doctors
health | well being
aid | help | assist
food | meals
fuel | gas
oil | petroleum
steel | metal
textiles | materials
growth | progress | development
progress | development
changes | adjustments
budget | price range | funds
finance | financing
financial | monetary
bank | financial institution
lenders | collectors
percent | p.c
two | 2
three | 3
four | 4
five | 5
six | 6
seven | 7
eight | 8
nine | 9
ten | 10
dozen | twelve
half of | half of the
nearly | almost | practically
almost | virtually | nearly
roughly | about
really | actually
never | by no means
always | all the time | at all times
often | usually | typically
sometimes | typically | generally
again and again | time and again | repeatedly
in recent years | lately | in recent times
in recent decades | in latest many years | in recent times
on condition of anonymity | on situation of anonymity | on the situation of anonymity
not authorized | not approved | not licensed
to brief | to transient | to temporary
brief | transient | temporary
independently | individually
verified | confirmed
closely | carefully | intently
watching closely | watching carefully | watching intently
situation | scenario | state of affairs
events | occasions
event | occasion
moment | second
delicate | fragile
pressure | stress | strain
mounting | growing
handling | dealing with
series | sequence | collection
escalation | intensification
wider | broader
risk | danger | threat
threat | risk | menace
danger | hazard
safe | protected | secure
protect | shield | defend
defense | protection | defence
attacked | assaulted
struck | hit
strike | hit
shooting | capturing | taking pictures
explosions | blasts
explosion | blast
stone-throwing | rock-throwing
youths | young folks
chanted | shouted
marched | walked
gathered | collected
demonstration | protest
movement | motion
leadership | management
messaging apps | messaging purposes
reached | attained | hit
climbed | ascended | risen
output | production | yield
stayed | remained | kept
offered | provided | extended
issued | released | put out
criticized | slammed | faulted
took | needed | required
met | encountered | saw
due | scheduled | set
debate | discuss | argue
matter | issue | subject
cut | slashed | reduced
give | provide | hand
figures | numbers | statistics
days | period days
citizens | nationals | residents
avoid | steer clear of | shun
landed | arrived | touched down
drove | traveled | headed
watch | monitor | observe
investors | traders | buyers
empty | vacant | bare
shut | closed | sealed
assistance | help | aid
minutes | mins | moments
photos | images | pictures
hours | hrs | time
marchers | walkers | protesters
villages | hamlets | settlements
stones | rocks | projectiles
firms | companies | businesses
points | factors | marks
shots | attempts | efforts
rebels | insurgents | fighters
"""


def _parse(table: str) -> dict[str, tuple[str, ...]]:
    """Entries of the table; a one-word replacement not listed itself is swapped back for its
    line's key and the other replacements (text a report already worded its own way is spun too)."""
    entries: dict[str, tuple[str, ...]] = {}
    lines = [[part.strip() for part in line.split("|")] for line in table.strip().splitlines()]
    for key, *alternatives in lines:
        distinct = tuple(dict.fromkeys(a for a in alternatives if a != key))
        if distinct:
            entries[key] = distinct
    for key, *alternatives in lines:
        for word in alternatives:
            if " " not in word and word not in entries:
                others = tuple(dict.fromkeys(a for a in (key, *alternatives) if a != word))
                entries[word] = others
    return entries


SYNONYMS: dict[str, tuple[str, ...]] = _parse(_TABLE)
