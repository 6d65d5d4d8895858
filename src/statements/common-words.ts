/**
 * Words that are common words, not names, in English news: the ones BBC News 2004–05 writes in
 * lower case mid-sentence at least 25 times and capitalised there under a tenth as often. Used to
 * restore case to upper-case text (TIME 1963) so names stand out again.
 */

export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `
  ability able about above abroad absence absolutely abuse accept accepted access accident according
  account accounting accounts accused achieve achieved achievement acknowledged acquisition across
  acting action actions activities activity actor actress acts actually add added adding addition
  additional address addresses adds admitted adopted adult adults advantage advertising adverts advice
  affair affect affected afford after again against aged agencies agenda ago agree agreed agreement
  ahead aim aimed aiming aims airline album all allegations alleged allegedly allies allow allowed
  allowing allows almost alone along alongside already also alternative although always amazing
  ambition ambitions amid among amount an analysis analyst analysts and angry ankle anniversary
  announce announced announcement annual another answer anti any anyone anything anywhere apart
  apologise apology appear appearance appeared appears application applications apply appointed
  appointment approach appropriate approval approved are area areas argue argued argues argument arm
  around arrest arrested arrived artist artists as aside asked asking assess assets assistant asylum
  at athletes atmosphere attack attacked attacking attacks attempt attempts attend attended attention
  attract attracted auction audience audiences audio author authorities automatically autumn available
  average avoid awarded aware awareness away back backed background backing backs bad badly balance
  ball ballot ban bands banking bankruptcy banks banned base based basic basis battery battle be beat
  beaten beating became because become becomes becoming been before began begin beginning begins begun
  behalf behaviour behind being belief believe believed believes below bench benefit benefits best
  better betting between beyond bid bids bigger biggest billions bills blamed block blog blogs blow
  bodies body book books boom boost boosted born borrowing boss both bottom bought box boxes brand
  branded brands break breaking breaks breakthrough bring bringing broadband broadcast broadcasters
  broke broken brought browser build building built business businesses but buy buyers buying by call
  called calling calls came camera cameras campaign campaigners campaigning can candidate candidates
  cannot cap capable capacity captain car card cards care career carefully carried carrying cars case
  cases cash cast categories category caught cause caused centres ceremony certain certainly chairman
  challenge challenges challenging champion chance chances change changed changes changing channels
  character characters charge charged charges charity chart charts cheap cheaper check chief children
  chip choice choose chosen circumstances cities civil claim claimed claiming claims clash class clean
  clear cleared clearly clients climate close closed closely closing club clubs co coach collapse
  colleagues collection colour combat combination combined come comeback comedy comes coming comment
  comments commit commitment committed common communities community companies company compared
  compensation compete competing competition competitive compiled complaint complaints complete
  completed completely complex computer computers computing concern concerned concerns concert
  concluded conditions conduct conducted confidence confident confidential confirmed conflict
  connected connection connections consider considered considering console consoles constituency
  constitution consumers consumption contact contained contains content contest continue continued
  continues continuing contract contracts contrast contribution control controlled controls
  controversial controversy convicted convinced cool cope copies copy copyright core corner corporate
  correspondent cost costs could councils counter countries country couple course courts cover covered
  crash create created creating creation credit creditors criminal criminals crisis critical
  criticised criticism critics crowd crucial crude currency current currently customer customers cut
  cuts cutting damage damages damaging data date daughter days deal deals dealt death debate debt
  debts debut decade decades decide decided decision decisions declared decline declined dedicated
  deep defeat defend defended defender defending deficit definitely delayed delighted deliver
  delivered demand demands democracy denied denies departments departure described design designed
  desire desktop despite destruction detailed details detained detainees detention determined develop
  developed developing device devices dial did died difference different difficult directed direction
  directly director disabled disappointed disappointing disaster discipline discovered discuss
  discussed discussion discussions disease dismissed display dispute distance distribute distribution
  divide do documentary documents does doing dollars domestic dominated donations done door doping
  double doubles doubt down download downloaded downloading downloads draft drama dramatic draw drawn
  dream drink drinking drive driven drives driving drop dropped drug drugs dubbed due duo during each
  earlier early earn earned earning earnings ease easier easily easy economic economies economist
  economists economy editor effect effective effectively effects efficient effort efforts eight eighth
  either elderly elected election elections elements else embargo emerged employees employers
  employment enable encourage encouraging end ended engine engines enjoy enjoyed enormous enough
  ensure ensuring enter entered entering entire entirely entitled entry environment epic equal
  equipment era especially essential established estimate estimated estimates ethnic euros even event
  events eventually ever every everyone everything evidence ex exactly example excellent exciting
  executives existing expect expectations expected expects expensive experience expert experts explain
  explained export exports expressed extend extended extra extremely eye face faced faces facilities
  facing fact factor factors fail failed failing failure faith fake fall fallen falling falls false
  familiar families family famous fan fans fantastic far fashion fast faster fastest favour favourite
  favourites fear fears feature featured features featuring fee feel feeling feels fees feet fell
  fellow felt female festive few fewer field fifth fight fighting figure figures file filed files
  films final finally finances find findings fine fines finish finished fired firm firms first fit
  fitness fixed flanker flat fly focus focused follow followed following follows foot for forced
  forces forecast forecasts forget form formal format former forms forthcoming forward found founder
  four fourth fraud free fresh friend friendly from front fuel full fully fun funding funds further
  future gadget gadgets gain gained gains game gamers games gaming gap gas gathered gave generally
  generation genre get gets getting giant gig give given gives giving glad global go goal goals goes
  going gone good goods got governing government governments granted graphics greater greatest grew
  gross ground groups grow growing grown growth guilty gun guys had half hamstring hand handed
  handheld handle handling hands handset handsets happen happened happening happens happy hard harder
  hardware harm has have having he head headed header headlines heads hear heard hearing heart heavily
  heavy held help helped helping helps her here higher highest highlight highlighted highly him
  himself hip his hit hits hitting hold holding holds holiday homes honour hope hoped hopes hoping
  hospitals host hosted hosts hours household households housing how however huge hugely hundreds
  hurdles hurt husband idea ideas identity if ignored ill illegal illegally image images immediate
  immediately immigration impact importance important imports impossible impressed impression
  impressive improve improved improvement improvements improving in incident include included includes
  including income increase increased increases increasing increasingly indeed index indicated
  individual individuals industrial infected inflation influence information infrastructure initial
  initially initiative initiatives injured injuries injury ink innocent innovation inquiry insist
  insisted insists instance instead intelligence intended intention interest interested interesting
  interests internal interview into introduce introduced introduction invest investigating investment
  investors involved involvement involving is issue issued issues it items its itself jail job join
  joined joining joins journalist journalists judgement judges jump jumped junk jury just keen keep
  keeper keeping kept key keyboard kick kicked kicking killed kind knee knew knocked know knowledge
  known knows label labels lack language laptop laptops large largely larger largest laser last late
  later latest launch launched laws lawsuit lawyer lawyers lead leader leaders leadership leading
  leads learn learning least leave leaving led left leg legal legislation legitimate lending less
  lessons let lets letter letting level levels lies lift lifted light like likely likes limit limited
  limits line lines link linked links list listed listen listing lists little lives living loan loans
  local long longer look looked looking looks lose losing loss losses lost lot lots low lower lowest
  lucrative luxury machine machines made main mainly mainstream maintain major majority make maker
  makers makes making male malicious manage managed manager managing manifesto manufacturers
  manufacturing many market marketing markets mass massive match matches material matter matters
  maximum maybe me mean means meant meanwhile measures medal medium meeting meetings member members
  membership memory men merger message messages messaging met mid midfield midfielder might military
  millions minimum ministers minority minute minutes miss missed missing mistake mixed mobile mobiles
  model models modern moment moments money monitor monitoring month monthly months more most mother
  motivated move moved movement moves movie movies moving much multi multimedia multiple murder music
  musical musicians must my myself name named names nation natural near nearly necessary need needed
  needs negative negotiations nervous net network networks never newspaper newspapers next nine no
  nominated nomination nominations nominees non nor normal normally not nothing novel now nuclear
  number numbers obvious obviously of off offence offences offer offered offering offers officer
  offices official officially officials often oil older on once one ones ongoing online only onto
  opened opening opens operates operating operations operator operators opinion opportunities
  opportunity opposed opposition optimistic option options or order ordered orders ordinary
  organisations organised original originally other others our ourselves out outcome output outside
  outstanding over overall overcome overseas own owned owner owners ownership owns pace package pages
  paid pair panel papers parent parents part particular particularly parties partly partner parts pass
  passed passengers past patent patents patients pay paying payments peace peak peer penalties penalty
  pension pensioners people per perfect perfectly perform performance performances performed
  performing perhaps period person personal phone phones photos physical pick picked picking piece
  pilot piracy pirated pitch place placed places plan planned planning plans platform play played
  player players playing plays pleaded pleased pledge pledged plenty point pointed points policies
  political politicians politics poll polls poor poorest popular popularity population position
  positive possibility possible post posted poster posters potential potentially poverty power
  powerful powers practice praise praised pre predict predicted predicts prefer premium prepared
  preparing present presented pressure pretty prevent previous previously price prices principle print
  priority private prizes probably problem problems process processing processor produce produced
  producer producing product production products profit profitable profits program programme
  programmes programs progress projects promise promised promises promising promote prompted proof
  prop proper properly property proposal proposals proposed prospect prospects protect protected
  protest proud prove proved provide provided provider providers provides providing proving public
  publish published pull pulled pupils purchase purpose push pushed pushing put putting qualifying
  quality quarter quarters question questioned questions quick quickly quit quite quoted race racist
  raise raised raising ran range rap rapid rate rates rather ratings reach reached reaching read
  readers ready realise reality really reason reasons recall receive received receiving recent
  recently recognise recognised recognition reconstruction record recorded recording recover recovery
  reduce reduced reducing reduction referee referendum reflect reflects reform reforms refuse refused
  regime region regional register registered regular regularly regulation regulations regulator
  regulators rejected relationship relatively relay release released relief rely remain remained
  remaining remains remarks remember remote remove removed repeatedly replace replaced replacement
  replacing report reported reportedly reports represent represented representing represents
  reputation request require required researchers reserves resignation resigned resources response
  responsibility responsible rest restructuring result results retailers retired retirement return
  returned returning returns reveal revealed revenue revenues rich right rise risen rises rising risk
  risks rival rivals role roles room rose round route row rule ruled rules ruling rumours run runners
  running runs rupees rural safe said sale sales same satellite save saved savings saw say saying says
  scale scandal scheduled scheme schemes schools score scored scoring screenplay screens screensaver
  scrum scrutiny search season seat seats second seconds sector secure secured security see seed
  seeing seeking seem seemed seems seen sees selected selection self sell selling semi send sending
  senior sense sensitive sent sentence separate sequel series serious seriously servants serve served
  servers services session set sets setting settle settlement seven seventh several shadow shake shape
  share shared shareholder shareholders she shock shoot shops short shot should show showed showing
  shown shows shut side sides sign signals signed significant signing signs similar simple simply
  since singer single singles sister site sites situation sixth size slightly slow slowdown slower
  small smaller so software sold solution some someone something sometimes somewhere son song songs
  soon sophisticated sort sorts sought source sources spam spammers sparked speak speaking specific
  speculation speech speeds spending spent spin split spoken spokesman spokeswoman sporting spot
  spread spyware squad stability staff stage stages stake stand standing stands starred starring stars
  start started starting starts statement statements station stations status stay step stepped steps
  stick still stocks stolen stop stopped storage store stored stories story straight strategic
  strategy strength stressed strike striker strong stronger strongly struck structure struggle
  struggled struggling student studio study style subject subscription subsidiary subsidies
  substantial succeed success successful succession such sued suffer suffered suffering suggest
  suggested suggesting suggestions suggests suit summit superb supplies supply support supported
  supporters supporting sure surface surprise surprised surrounding survey suspected suspects
  suspended suspension sustained switch system table tackle tackling tactics take taken takeover takes
  taking talent talented talk talking talks target targeted targets task tax taxes teachers team teams
  tech technical technologies technology teenage telecoms telephone television tell telling tells tend
  term terms terror terrorist terrorists tested testing text than thanks that the their them theme
  themselves then there therefore these they thing things think thinking thinks third this those
  though thought thousands threat threatened threats three through throughout thrown ticket tickets
  tie tight time timing tipped title titles to together told too took tool tools top topped total
  totally touch tough tour tournament towards track tracks trading traditional traffic training
  transfer travel treated treatment trend trial trials tribunal tribute tried tries trip triumph
  trouble true trusted truth try trying tsunami turn turned turning turns twice two type types
  ultimate unable under understand understanding understood unemployment unions unique unit unless
  unlikely until unveiled up upbeat upgrade upon upset urban urged us use used useful user users uses
  using usual usually value values various vast vehicle vehicles venture version versions very via
  victim victims victory video view viewers views violence virtual virus viruses visa vision visit
  visiting visitors vital voice vote voted voters votes voting vulnerable wage wait waiting wake walk
  want wanted wanting wants warned warning was waste watchdog watched watching wave way ways we weak
  weapons wearing weather web website websites week weekend weeks welcome welcomed welfare well went
  were what whatever when where whether which while who whole whom whose why wi wide widely wider
  widespread wife wild will willing win window wine wing winger winner winners winning wins winter
  wireless wish with withdraw within without women won wonderful word words work worked workers
  workforce working works worldwide worm worried worries worry worrying worse worst worth would write
  writer writers writing written wrong wrote year years yen yet you your
`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
