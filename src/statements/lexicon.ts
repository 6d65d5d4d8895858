/** Word lists the extractor's rules are written with: cue verbs, titles, roles, organisations. */

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w.length > 0));
}

/** Verbs that attribute words to a speaker, in the forms news text uses them. */
export const CUE_VERBS = set(`
  said says say told tells added adds insisted insists stressed stresses noted notes warned warns
  admitted admits denied denies claimed claims argued argues confirmed confirms explained explains
  announced announces suggested suggests promised promises predicted predicts emphasised emphasized
  emphasises emphasizes acknowledged acknowledges revealed reveals indicated
  indicates conceded concedes complained complains agreed agrees declared declares stated
  commented comments replied replies responded urged urges cried wrote writes
  asserted asserts countered counters pointed remarked observed added
  announcing saying adding insisting noting warning stressing claiming arguing telling explaining
  admitting denying confirming emphasising emphasizing called calls pledged pledges vowed vows
  threatened threatens intimated stammered joked jokes quipped boasted boasts reiterated reiterates
  cautioned retorted demanded
`);

/**
 * Whether a lower-case word after a speaker's phrase starts its verb ("Abe said", "the firm
 * warns", "he confirmed"): a cue verb, or a word that looks like one (a past tense or a third
 * person -s, but not -ss), which ends the phrase.
 */
export function looksLikeVerb(word: string): boolean {
  return /^[a-z]/.test(word) && (CUE_VERBS.has(word) || (/(?:ed|s)$/.test(word) && !/ss$/.test(word)));
}

/** Titles written before a name; their gender, where they carry one. */
export const HONORIFICS: ReadonlyMap<string, 'm' | 'f' | undefined> = new Map([
  ['mr', 'm'],
  ['mrs', 'f'],
  ['ms', 'f'],
  ['miss', 'f'],
  ['dr', undefined],
  ['sir', 'm'],
  ['lord', 'm'],
  ['lady', 'f'],
  ['dame', 'f'],
  ['baroness', 'f'],
  ['prof', undefined],
  ['professor', undefined],
  ['rev', undefined],
  ['king', 'm'],
  ['queen', 'f'],
  ['prince', 'm'],
  ['princess', 'f'],
  ['president', undefined],
  ['senator', undefined],
  ['judge', undefined],
  ['general', undefined],
  ['pope', 'm'],
]);

/** Nouns that name a person by what they do: "the chancellor", "Chelsea boss", "the 22-year-old". */
export const PERSON_ROLES = set(`
  minister premier chancellor secretary president leader chairman chairwoman chair chief boss
  manager coach director executive spokesman spokeswoman spokesperson analyst economist
  actor actress star singer player captain striker midfielder defender goalkeeper winner champion
  physio founder governor mayor senator judge official owner head prosecutor lawyer author
  co-author teenager veteran sprinter prop flanker fly-half centre winger batsman bowler
  co-chairman correspondent editor presenter producer writer designer musician rapper frontman
  president-elect pm mp chairperson ambassador envoy commissioner inspector detective officer
  belgian briton american scot portuguese frenchman
`);

/** Nouns that name an organisation by kind: "the firm", "the committee", "the report". */
export const ORG_NOUNS = set(`
  firm company group bank charity committee council government club union party report survey
  study agency authority board ministry department institute association organisation
  organization commission retailer airline carrier operator broadcaster network insurer
  regulator watchdog court police cops army federation league body
`);

/** Words that mark a capitalised name as an organisation's. */
export const ORG_WORDS = set(`
  Ltd Plc plc Inc Corp Corporation Group Bank Committee Association Council Institute Party
  Union Commission Agency Authority Board Ministry Department Office Securities Capital Partners
  Holdings Times Post Guardian Telegraph Journal News Radio Television TV Street Society
  University College Trust Foundation Federation League Club Airways Airlines Motors Systems
  Promoters Records Studios Army Police Service Services Telecom Communications Network Fund FA
`);

/** Pronouns that can stand for a speaker, with the gender or kind they refer to. */
export const SPEAKER_PRONOUNS: ReadonlyMap<string, 'm' | 'f' | 'org' | 'group'> = new Map([
  ['he', 'm'],
  ['she', 'f'],
  ['it', 'org'],
  ['they', 'group'],
]);

/** Capitalised words that start a sentence (or a title) without being a name or part of one. */
export const NOT_NAMES = set(`
  The A An But And However Meanwhile Now So Then Also Earlier Later Speaking In On At After Before
  When While As Although Despite This That These Those It He She They We I You His Her Their Our
  Its My Your There Here What Which Who Whom Whose Why How Where If Since Until Last Next Many
  Some Most Both All Each Every One Two Three Four Five Six Seven Eight Nine Ten Under Over With
  Without Instead Indeed Yet Still Even Only Just Said Says According Unlike Like For From By Of To
  Through Among Between During Such Another Other Former Separately Asked Following Nor Not No Yes
  Millions Thousands Hundreds Dozens Tens
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
  July August September October November December Christmas Easter
`);

/** Words that mark a capitalised name as a place's, not a person's. */
export const PLACE_WORDS = set(`
  Square Park Street Road Avenue Lane Stadium Centre Center Island Islands Sea Ocean River Valley
  Hill Bridge City County Province Republic Kingdom States Peninsula Gulf Coast North South East
  West New Los San Las St Santa Hall Palace House Court Airport Station Village Town Games Cup
  Championship Championships Awards Festival Show Prize Day Year Week Act Bill Treaty Declaration
  Union Africa America Asia Korea Arabia Zealand Britain England Scotland Wales Ireland Europe
  Japan Russia China France Germany Italy Spain India Australia Canada Iraq Iran Israel Egypt
  London Tokyo Moscow Washington Paris Dublin Beijing Brussels Berlin Rome Madrid York Kong
  Olympic Olympics Nations Premiership Champions Commons Parliament Lords Internet Web Christmas
  Labour Tory Tories Conservative Conservatives Liberal Democrats Democrat Republican Republicans
  British Japanese Russian American French German Italian Chinese Irish Scottish Welsh Greek
  Spanish Indian Australian European Soviet Korean Arab Israeli Iraqi Iranian Egyptian UK US EU
  English Scots Dutch Swiss Belgian Portuguese Brazilian Canadian Mexican African Asian Western
`);

/** Generic speakers a reader cannot ask about: not statements of anyone. */
export const GENERIC_SPEAKERS = set(`
  analysts analyst experts observers critics officials sources economists traders investors
  lawyers advisers aides people residents witnesses fans campaigners observers insiders dealers
  reports many some others someone one correspondents commentators reporters journalists pundits
  bookmakers punters voters members users customers consumers shoppers
`);
