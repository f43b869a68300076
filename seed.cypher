// Seed data: entities and dated, sourced claims from the 38 North article
// The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?
// Generated for the loader: one statement per entity or relationship, each ending with a semicolon.

// ---- Entities ----
MERGE (e:Entity {id: 'north-korea'})
SET e:State, e.name = 'Democratic People\'s Republic of Korea', e.aliases = ['DPRK', 'North Korea', 'Democratic People’s Republic of Korea', 'Pyongyang', 'the North'], e.description = 'East Asian state whose close but transactional partnership with Iran centres on ballistic missile cooperation and ties to Iran-aligned militias.', e.country = 'KP';
MERGE (e:Entity {id: 'iran'})
SET e:State, e.name = 'Islamic Republic of Iran', e.aliases = ['Iran', 'Tehran'], e.description = 'Middle Eastern state that has cooperated with North Korea on military technology, especially ballistic missiles, since the 1979 revolution.', e.country = 'IR';
MERGE (e:Entity {id: 'south-korea'})
SET e:State, e.name = 'Republic of Korea', e.aliases = ['ROK', 'South Korea', 'Seoul'], e.description = 'East Asian state with which Iran has maintained close relations despite a September 2019 clash over frozen Iranian assets.', e.country = 'KR';
MERGE (e:Entity {id: 'united-states'})
SET e:State, e.name = 'United States of America', e.aliases = ['US', 'USA', 'United States', 'America', 'Washington'], e.description = 'State whose sanctions and policies the article presents as the common adversary of Iran and North Korea.', e.country = 'US';
MERGE (e:Entity {id: 'china'})
SET e:State, e.name = 'People\'s Republic of China', e.aliases = ['China', 'PRC', 'Beijing'], e.description = 'State whose military equipment North Korea relayed to Iran in the 1980s, which signed a 1991 military cooperation agreement with Iran, and whose airspace DPRK-Iran flights crossed.', e.country = 'CN';
MERGE (e:Entity {id: 'soviet-union'})
SET e:State, e.name = 'Union of Soviet Socialist Republics', e.aliases = ['Soviet Union', 'USSR'], e.description = 'Former state whose tanks and anti-shipping missiles North Korea passed on to Iran during the Iran-Iraq War.';
MERGE (e:Entity {id: 'iraq'})
SET e:State, e.name = 'Republic of Iraq', e.aliases = ['Iraq', 'Baghdad'], e.description = 'State that fought Iran from 1980 and with which North Korea sought to reestablish diplomatic relations in the 1980s.', e.country = 'IQ';
MERGE (e:Entity {id: 'syria'})
SET e:State, e.name = 'Syrian Arab Republic', e.aliases = ['Syria', 'Damascus'], e.description = 'State whose Al-Kibar reactor North Korea helped build and whose missile plants North Korean engineers reportedly helped manage.', e.country = 'SY';
MERGE (e:Entity {id: 'israel'})
SET e:State, e.name = 'State of Israel', e.aliases = ['Israel'], e.description = 'State that fought Hezbollah in 2006, destroyed the Al-Kibar reactor in 2007 and accused North Korea of arming Hezbollah and Hamas in 2009.', e.country = 'IL';
MERGE (e:Entity {id: 'lebanon'})
SET e:State, e.name = 'Lebanese Republic', e.aliases = ['Lebanon'], e.description = 'State where Hezbollah is based and where its Land of Tunnels runs from Beirut to the south.', e.country = 'LB';
MERGE (e:Entity {id: 'yemen'})
SET e:State, e.name = 'Republic of Yemen', e.aliases = ['Yemen'], e.description = 'State where the Houthis, recipients of North Korean arms, are based.', e.country = 'YE';
MERGE (e:Entity {id: 'saudi-arabia'})
SET e:State, e.name = 'Kingdom of Saudi Arabia', e.aliases = ['Saudi Arabia', 'KSA', 'Riyadh'], e.description = 'State against which the Houthis used missiles in June 2015.', e.country = 'SA';
MERGE (e:Entity {id: 'uae'})
SET e:State, e.name = 'United Arab Emirates', e.aliases = ['UAE', 'Emirates'], e.description = 'State that detained the ANL-Australia North Korean arms cache discovered in July 2009.', e.country = 'AE';
MERGE (e:Entity {id: 'kim-yong-nam'})
SET e:Person, e.name = 'Kim Yong Nam', e.aliases = ['Kim Yong-nam', 'Kim Yŏng-nam'], e.description = 'Senior North Korean official, long the nominal head of state as President of the Presidium of the Supreme People’s Assembly, pictured meeting Hassan Rouhani in 2018.', e.country = 'KP';
MERGE (e:Entity {id: 'hassan-rouhani'})
SET e:Person, e.name = 'Hassan Rouhani', e.aliases = ['Rouhani', 'Hassan Rohani', 'President Rouhani'], e.description = 'Former President of Iran, described as a moderate who did not consistently embrace hardline views on North Korea.', e.country = 'IR';
MERGE (e:Entity {id: 'kim-jong-un'})
SET e:Person, e.name = 'Kim Jong Un', e.aliases = ['Kim Jong-un', 'Kim Jong-eun'], e.description = 'Supreme Leader of North Korea, who congratulated Ebrahim Raisi on his election victory on June 20, 2021.', e.country = 'KP';
MERGE (e:Entity {id: 'ebrahim-raisi'})
SET e:Person, e.name = 'Ebrahim Raisi', e.aliases = ['Raisi', 'Ebrahim Raeisi', 'Ibrahim Raisi'], e.description = 'Iranian hardliner who won the June 2021 presidential election and ascended to the presidency of Iran.', e.country = 'IR';
MERGE (e:Entity {id: 'akbar-hashemi-rafsanjani'})
SET e:Person, e.name = 'Akbar Hashemi Rafsanjani', e.aliases = ['Rafsanjani', 'Ali Akbar Hashemi Rafsanjani', 'Hashemi Rafsanjani'], e.description = 'Senior Iranian politician, then Speaker of the Iranian parliament, whose 1985 visit to Pyongyang preceded the arrival of North Korean military-technical advisors in Iran.', e.country = 'IR';
MERGE (e:Entity {id: 'o-jin-u'})
SET e:Person, e.name = 'O Jin U', e.aliases = ['Marshall O Jin U', 'Marshal O Jin U', 'O Jin-u', 'Oh Jin-woo'], e.description = 'North Korean Defense Minister who met IRGC head Mohsen Rezai in Tehran in November 1990 and authorized the sale of Scud-C missiles to Iran.', e.country = 'KP';
MERGE (e:Entity {id: 'mohsen-rezai'})
SET e:Person, e.name = 'Mohsen Rezai', e.aliases = ['Mohsen Rezaei', 'Rezai', 'Rezaei'], e.description = 'Head of the Islamic Revolutionary Guard Corps who met North Korean Defense Minister O Jin U in Tehran in November 1990.', e.country = 'IR';
MERGE (e:Entity {id: 'ri-yong-ho'})
SET e:Person, e.name = 'Ri Yong Ho', e.aliases = ['Ri Yong-ho', 'Lee Yong-ho'], e.description = 'North Korean Foreign Minister who visited Iran in August 2018.', e.country = 'KP';
MERGE (e:Entity {id: 'javad-zarif'})
SET e:Person, e.name = 'Mohammad Javad Zarif', e.aliases = ['Javad Zarif', 'Zarif'], e.description = 'Iranian Foreign Minister, described as a moderate, who pledged in April 2019 to visit Pyongyang.', e.country = 'IR';
MERGE (e:Entity {id: 'bashar-al-assad'})
SET e:Person, e.name = 'Bashar al-Assad', e.aliases = ['Assad', 'Bashar Assad', 'Bashar al-Asad'], e.description = 'Syrian President supported by both North Korea and Iran.', e.country = 'SY';
MERGE (e:Entity {id: 'hussein-al-ali'})
SET e:Person, e.name = 'Hussein al-Ali', e.aliases = ['Hussein Al-Ali', 'Husayn al-Ali'], e.description = 'Syrian arms dealer who served as an interlocutor between North Korea and the Houthis.', e.country = 'SY';
MERGE (e:Entity {id: 'irgc'})
SET e:Organization, e.name = 'Islamic Revolutionary Guard Corps', e.aliases = ['IRGC', 'Revolutionary Guards', 'Sepah', 'Pasdaran'], e.description = 'Iranian military force, headed in November 1990 by Mohsen Rezai.', e.country = 'IR';
MERGE (e:Entity {id: 'iranian-navy'})
SET e:Organization, e.name = 'Islamic Republic of Iran Navy', e.aliases = ['Iranian Navy', 'IRIN'], e.description = 'Iranian naval force whose Ghadir-class submarines were inspired by North Korean prototypes.', e.country = 'IR';
MERGE (e:Entity {id: 'aio'})
SET e:Organization, e.name = 'Aerospace Industries Organization', e.aliases = ['AIO', 'Iran Aerospace Industries Organization'], e.description = 'Iranian state missile-industry organization and parent of the Shahid Hemmat Industrial Group.', e.country = 'IR';
MERGE (e:Entity {id: 'shig'})
SET e:Organization, e.name = 'Shahid Hemmat Industrial Group', e.aliases = ['SHIG', 'Shahid Hemmat Industries Group'], e.description = 'Iranian ballistic missile producer, a subsidiary of the Aerospace Industries Organization, that sent technicians to North Korea and had a relationship with KOMID.', e.country = 'IR';
MERGE (e:Entity {id: 'komid'})
SET e:Organization, e.name = 'Korea Mining Development Trading Corporation', e.aliases = ['KOMID', 'Korea Mining Development Trading Company'], e.description = 'North Korean arms exporter, described as sanctioned, whose relationship with SHIG the US Treasury announced in January 2016 and which an August 2018 UN report found trying to supply the Houthis.', e.country = 'KP';
MERGE (e:Entity {id: 'shahid-haj-ali-movahed-research-center'})
SET e:Organization, e.name = 'Shahid Haj Ali Movahed Research Center', e.aliases = ['Shahid Haj Ali Movahed'], e.description = 'Iranian research center that received support and assistance from North Korean missile specialists for a space launch vehicle in 2020.', e.country = 'IR';
MERGE (e:Entity {id: 'us-treasury'})
SET e:Organization, e.name = 'United States Department of the Treasury', e.aliases = ['US Treasury Department', 'US Treasury', 'Treasury Department'], e.description = 'US government department that sanctioned Iranian entities cooperating with North Korea in 2016 and announced the SHIG-KOMID relationship in January 2016.', e.country = 'US';
MERGE (e:Entity {id: 'us-intelligence-community'})
SET e:Organization, e.name = 'United States Intelligence Community', e.aliases = ['US intelligence', 'US intelligence community'], e.description = 'US intelligence agencies that investigated Nodong engine transfers to Iran in 1999 and reported North Korean engineers at Syrian missile plants.', e.country = 'US';
MERGE (e:Entity {id: 'crs'})
SET e:Organization, e.name = 'Congressional Research Service', e.aliases = ['CRS'], e.description = 'US Congress research agency that in December 2007 listed Hezbollah and the Tamil Tigers as key destinations of North Korean military assistance.', e.country = 'US';
MERGE (e:Entity {id: 'united-nations'})
SET e:Organization, e.name = 'United Nations', e.aliases = ['UN'], e.description = 'International organization that imposed sanctions on North Korea after its 2006 and 2009 nuclear tests and whose reports documented DPRK-Iran and DPRK-Houthi transfers.';
MERGE (e:Entity {id: 'air-koryo'})
SET e:Organization, e.name = 'Air Koryo', e.aliases = [], e.description = 'North Korean civilian airline whose flights between North Korea and Iran transferred missile-related equipment, according to a May 2011 UN report.', e.country = 'KP';
MERGE (e:Entity {id: 'iran-air'})
SET e:Organization, e.name = 'Iran Air', e.aliases = ['The Airline of the Islamic Republic of Iran', 'Homa'], e.description = 'Iranian civilian airline whose flights between North Korea and Iran transferred missile-related equipment, according to a May 2011 UN report.', e.country = 'IR';
MERGE (e:Entity {id: 'hezbollah'})
SET e:Organization, e.name = 'Hezbollah', e.aliases = ['Hizbullah', 'Hizballah', 'Hezbollah in Lebanon'], e.description = 'Lebanese Shia militia aligned with Iran, in contact with North Korea since the 1980s and trained by it from 2000.', e.country = 'LB';
MERGE (e:Entity {id: 'houthis'})
SET e:Organization, e.name = 'Houthis', e.aliases = ['Ansar Allah', 'Houthi movement', 'Ansarallah'], e.description = 'Yemeni Shia militia aligned with Iran, whose military cooperation with North Korea the article describes as likely confined to clandestine arms transfers.', e.country = 'YE';
MERGE (e:Entity {id: 'hamas'})
SET e:Organization, e.name = 'Islamic Resistance Movement', e.aliases = ['Hamas'], e.description = 'Palestinian militant group that US officials said was the only destination of the North Korean supplies in the ANL-Australia arms cache.', e.country = 'PS';
MERGE (e:Entity {id: 'tamil-tigers'})
SET e:Organization, e.name = 'Liberation Tigers of Tamil Eelam', e.aliases = ['Tamil Tigers', 'LTTE'], e.description = 'Sri Lankan militant group listed by the CRS in December 2007 as a key destination of North Korean military assistance.', e.country = 'LK';
MERGE (e:Entity {id: 'boko-haram'})
SET e:Organization, e.name = 'Boko Haram', e.aliases = ['Jama’atu Ahlis Sunna Lidda’awati wal-Jihad'], e.description = 'Sunni extremist organization against which North Korea opposed military intervention, unlike Iran with its hawkish policies.', e.country = 'NG';
MERGE (e:Entity {id: 'isis'})
SET e:Organization, e.name = 'Islamic State', e.aliases = ['ISIS', 'ISIL', 'IS', 'Islamic State of Iraq and Syria', 'Islamic State of Iraq and the Levant', 'Daesh'], e.description = 'Sunni extremist organization against which North Korea opposed military intervention, unlike Iran with its hawkish policies.';
MERGE (e:Entity {id: 'ncri'})
SET e:Organization, e.name = 'National Council of Resistance of Iran', e.aliases = ['NCRI'], e.description = 'Iranian dissident group that exposed the Natanz facility in 2002 and alleged that North Korean nuclear scientists visited Iran in 2015.';
MERGE (e:Entity {id: 'kayhan'})
SET e:Organization, e.name = 'Kayhan', e.aliases = ['Keyhan', 'Kayhan newspaper'], e.description = 'Iranian hardline media outlet that blames the US for tensions with North Korea and amplifies North Korean state media.', e.country = 'IR';
MERGE (e:Entity {id: 'rodong-sinmun'})
SET e:Organization, e.name = 'Rodong Sinmun', e.aliases = ['Nodong Sinmun'], e.description = 'North Korean state media outlet whose content Kayhan amplifies.', e.country = 'KP';
MERGE (e:Entity {id: 'sbs'})
SET e:Organization, e.name = 'Seoul Broadcasting System', e.aliases = ['SBS'], e.description = 'South Korean television network that asserted in August 2015 that Houthi missiles resembled North Korean Scud-C or Hwasong-6 missiles.', e.country = 'KR';
MERGE (e:Entity {id: 'iran-hypersonic-test-facility'})
SET e:Facility, e.name = 'Iranian hypersonic weapons testing facility', e.aliases = ['hypersonic testing facility', 'testing facility for hypersonic weapons'], e.description = 'Testing facility for hypersonic weapons that Iran developed in 2014.', e.country = 'IR';
MERGE (e:Entity {id: 'natanz'})
SET e:Facility, e.name = 'Natanz nuclear facility', e.aliases = ['Natanz', 'Natanz Fuel Enrichment Plant', 'Natanz enrichment facility'], e.description = 'Iranian nuclear facility whose existence the NCRI exposed in 2002.', e.country = 'IR';
MERGE (e:Entity {id: 'al-kibar'})
SET e:Facility, e.name = 'Al-Kibar nuclear reactor', e.aliases = ['Al-Kibar', 'Al Kibar', 'Kibar reactor'], e.description = 'Syrian nuclear reactor built with North Korean assistance and destroyed by Israeli airstrikes in September 2007.', e.country = 'SY';
MERGE (e:Entity {id: 'hama-missile-plant'})
SET e:Facility, e.name = 'Hama missile plant', e.aliases = ['Hama', 'Hama base'], e.description = 'Missile plant at the Syrian base of Hama, which held a large concentration of Hezbollah fighters and which North Korean engineers reportedly helped manage.', e.country = 'SY';
MERGE (e:Entity {id: 'adra-missile-plant'})
SET e:Facility, e.name = 'Adra missile plant', e.aliases = ['Adra', 'Adra base'], e.description = 'Missile plant at the Syrian base of Adra, which held a large concentration of Hezbollah fighters and which North Korean engineers reportedly helped manage.', e.country = 'SY';
MERGE (e:Entity {id: 'barzah-missile-plant'})
SET e:Facility, e.name = 'Barzah missile plant', e.aliases = ['Barzah', 'Barzeh', 'Barzah base'], e.description = 'Missile plant at the Syrian base of Barzah, which held a large concentration of Hezbollah fighters and which North Korean engineers reportedly helped manage.', e.country = 'SY';
MERGE (e:Entity {id: 'land-of-tunnels'})
SET e:Facility, e.name = 'Land of Tunnels', e.aliases = ['Hezbollah tunnel network'], e.description = 'Hezbollah tunnel network stretching from its headquarters in Beirut to its defensive positions in southern Lebanon.', e.country = 'LB';
MERGE (e:Entity {id: 't-54-t-55'})
SET e:Weapon, e.name = 'T-54/T-55 tank', e.aliases = ['T-54', 'T-55', 'T-54/T-55'], e.description = 'Soviet tank type that North Korea transferred to Iran after the Iran-Iraq War began.';
MERGE (e:Entity {id: 'soviet-chinese-anti-shipping-missiles'})
SET e:Weapon, e.name = 'Soviet and Chinese anti-shipping missiles', e.aliases = ['anti-shipping missiles'], e.description = 'Anti-shipping missiles of Soviet and Chinese origin that North Korea passed to Iran as a deniable conduit in the latter stages of the Iran-Iraq War.';
MERGE (e:Entity {id: 'scud-c'})
SET e:Weapon, e.name = 'Scud-C', e.aliases = ['Hwasong-6', 'Scud C', '500-km Scud-C', 'Shahab-2'], e.description = '500-km ballistic missile whose sale to Iran North Korea authorized in November 1990, shown in North Korean parades as the Hwasong-6.', e.country = 'KP';
MERGE (e:Entity {id: 'scud-tel'})
SET e:Weapon, e.name = 'Scud transporter-erector-launcher', e.aliases = ['Scud TEL', 'transporter-erector-launcher', 'TEL'], e.description = 'Mobile launcher for Scud missiles that North Korea shipped to Iran in 1995.';
MERGE (e:Entity {id: 'nodong'})
SET e:Weapon, e.name = 'Nodong', e.aliases = ['Nodong-1', 'Rodong-1', 'Hwasong-7', 'No-dong'], e.description = 'North Korean ballistic missile whose engines were transferred to Iran and of which Iran holds stockpiles.', e.country = 'KP';
MERGE (e:Entity {id: 'musudan'})
SET e:Weapon, e.name = 'Musudan', e.aliases = ['BM-25', 'Hwasong-10'], e.description = 'North Korean missile system that Iran purchased during the 2000s.', e.country = 'KP';
MERGE (e:Entity {id: 'ghadir-class-submarine'})
SET e:Weapon, e.name = 'Ghadir-class submarine', e.aliases = ['Ghadir', 'Ghadir-class'], e.description = 'Iranian Navy submarine class unveiled in 2007 and inspired by North Korean prototypes.', e.country = 'IR';
MERGE (e:Entity {id: 'dprk-submarine-prototypes'})
SET e:Weapon, e.name = 'North Korean submarine prototypes', e.aliases = ['North Korean prototypes'], e.description = 'North Korean submarine designs (not named in the article) that inspired the Iranian Ghadir class.', e.country = 'KP';
MERGE (e:Entity {id: 'rocket-booster-80-ton'})
SET e:Weapon, e.name = '80-ton rocket booster', e.aliases = ['80-ton booster'], e.description = 'Rocket booster for intercontinental ballistic missiles that Iran developed with North Korean assistance.', e.country = 'IR';
MERGE (e:Entity {id: 'shahab-3'})
SET e:Weapon, e.name = 'Shahab-3', e.aliases = ['Shahab 3', 'Shahab-3 triconic warhead'], e.description = 'Iranian ballistic missile whose triconic warhead a North Korean Nodong warhead unveiled in October 2010 strikingly resembled.', e.country = 'IR';
MERGE (e:Entity {id: 'nodong-warhead-2010'})
SET e:Weapon, e.name = 'Nodong triconic warhead (2010)', e.aliases = ['new Nodong missile warhead'], e.description = 'Nodong missile warhead unveiled by North Korea in October 2010 that strikingly resembled the Shahab-3 triconic warhead.', e.country = 'KP';
MERGE (e:Entity {id: 'unha'})
SET e:Weapon, e.name = 'Unha', e.aliases = ['Unha rocket', 'Unha-2', 'Unha-3'], e.description = 'North Korean space launch rocket launched in 2009 and 2012 with Iranian technicians present.', e.country = 'KP';
MERGE (e:Entity {id: 'houthi-missiles-2015'})
SET e:Weapon, e.name = 'Houthi ballistic missiles (June 2015)', e.aliases = ['Houthi missiles'], e.description = 'Missiles the Houthis used against Saudi Arabia in June 2015 that SBS asserted closely resembled Scud-C or Hwasong-6 missiles.';
MERGE (e:Entity {id: 'shahid-haj-ali-movahed-slv'})
SET e:Weapon, e.name = 'Shahid Haj Ali Movahed space launch vehicle', e.aliases = ['space launch vehicle (SLV)'], e.description = 'Space launch vehicle for which the Shahid Haj Ali Movahed Research Center received North Korean support and assistance in 2020.', e.country = 'IR';
MERGE (e:Entity {id: 'iranian-revolution'})
SET e:Event, e.name = 'Iranian Revolution', e.aliases = ['Islamic Revolution', '1979 Iranian Revolution'], e.description = 'The 1979 revolution in Iran, after which Tehran-Pyongyang cooperation expanded rapidly.', e.country = 'IR';
MERGE (e:Entity {id: 'iran-iraq-war'})
SET e:Event, e.name = 'Iran-Iraq War', e.aliases = ['Iran–Iraq War', 'First Gulf War', 'Imposed War'], e.description = 'War between Iran and Iraq, begun in September 1980, during which North Korea armed Iran.';
MERGE (e:Entity {id: 'dprk-nuclear-test-2006'})
SET e:Event, e.name = 'North Korean nuclear test (2006)', e.aliases = ['2006 North Korean nuclear test'], e.description = 'North Korean nuclear test of 2006 that was followed by UN sanctions.', e.country = 'KP';
MERGE (e:Entity {id: 'dprk-nuclear-test-2009'})
SET e:Event, e.name = 'North Korean nuclear test (2009)', e.aliases = ['2009 North Korean nuclear test'], e.description = 'North Korean nuclear test of 2009 that was followed by UN sanctions.', e.country = 'KP';
MERGE (e:Entity {id: 'unha-launch-2009'})
SET e:Event, e.name = 'Unha rocket launch (2009)', e.aliases = ['2009 Unha launch'], e.description = 'North Korean Unha rocket launch of 2009 at which Iranian technicians were present.', e.country = 'KP';
MERGE (e:Entity {id: 'unha-launch-2012'})
SET e:Event, e.name = 'Unha rocket launch (2012)', e.aliases = ['2012 Unha launch'], e.description = 'North Korean Unha rocket launch of 2012 at which Iranian technicians were present.', e.country = 'KP';
MERGE (e:Entity {id: 'dprk-hypersonic-missile-tests'})
SET e:Event, e.name = 'North Korean hypersonic missile tests', e.aliases = ['hypersonic missile tests'], e.description = 'North Korean hypersonic missile tests (undated in the article) that raised concerns about technology transfers to Iran.', e.country = 'KP';
MERGE (e:Entity {id: 'israel-hezbollah-war-2006'})
SET e:Event, e.name = 'Israel-Hezbollah War (2006)', e.aliases = ['2006 Israel-Hezbollah war', '2006 Lebanon War', 'July War'], e.description = 'The 2006 war in which Hezbollah withstood intense Israeli bombardments, the origin of concerns about its cooperation with North Korea.';
MERGE (e:Entity {id: 'syrian-civil-war'})
SET e:Event, e.name = 'Syrian Civil War', e.aliases = ['Syrian civil war'], e.description = 'War in Syria that broke out in 2011 and revived US and Israeli concerns about North Korea and Hezbollah.', e.country = 'SY';
MERGE (e:Entity {id: 'china-iran-military-agreement-1991'})
SET e:Agreement, e.name = 'China-Iran 10-year military cooperation agreement (1991)', e.aliases = ['1991 China-Iran military cooperation agreement', '10-year military cooperation agreement'], e.description = 'Ten-year military cooperation agreement that China and Iran signed in 1991.';
MERGE (e:Entity {id: 'iran-dprk-military-technical-agreement-2012'})
SET e:Agreement, e.name = 'Iran-DPRK military-technical agreement (September 2012)', e.aliases = ['September 2012 Iran-DPRK agreement'], e.description = 'Military-technical agreement between Iran and North Korea concluded in September 2012.';
MERGE (e:Entity {id: 'jcpoa'})
SET e:Agreement, e.name = 'Joint Comprehensive Plan of Action', e.aliases = ['JCPOA', 'Iran nuclear deal'], e.description = 'Nuclear agreement with Iran from which the United States withdrew in 2018.';
MERGE (e:Entity {id: 'un-report-recent'})
SET e:Document, e.name = 'UN report on North Korea-Iran missile cooperation (recent)', e.aliases = ['recent United Nations (UN) report'], e.description = 'Recent UN report, undated in the article, which revealed that North Korea and Iran cooperate on long-term missile projects including a 2020 shipment of parts.';
MERGE (e:Entity {id: 'un-report-2011-05'})
SET e:Document, e.name = 'UN report, May 2011', e.aliases = ['May 2011 UN report'], e.description = 'UN report that revealed regular flights between North Korea and Iran transferring missile-related equipment through Chinese airspace.';
MERGE (e:Entity {id: 'un-report-2018-08'})
SET e:Document, e.name = 'UN report, August 2018', e.aliases = ['August 2018 UN report'], e.description = 'UN report that revealed KOMID was trying to supply conventional arms and ballistic missiles to the Houthis.';
MERGE (e:Entity {id: 'crs-report-2016'})
SET e:Document, e.name = 'Congressional Research Service report, 2016', e.aliases = ['2016 CRS report', '2016 Congressional Research Service report'], e.description = 'CRS report that warned that Iran-North Korea ballistic missile technology cooperation is significant and meaningful.', e.country = 'US';
MERGE (e:Entity {id: 'us-state-sponsors-of-terrorism-list'})
SET e:Document, e.name = 'US State Sponsors of Terrorism list', e.aliases = ['state sponsors of terrorism list', 'SST list'], e.description = 'US government list from which North Korea was removed in June 2008.', e.country = 'US';
MERGE (e:Entity {id: 'beirut'})
SET e:Place, e.name = 'Beirut', e.aliases = [], e.description = 'Capital of Lebanon, where Hezbollah has its headquarters and where its Land of Tunnels begins.', e.country = 'LB';
MERGE (e:Entity {id: 'southern-lebanon'})
SET e:Place, e.name = 'Southern Lebanon', e.aliases = ['south Lebanon'], e.description = 'Region of Lebanon holding Hezbollah\'s defensive positions, the far end of its Land of Tunnels.', e.country = 'LB';
MERGE (e:Entity {id: 'anl-australia'})
SET e:Vessel, e.name = 'ANL-Australia', e.aliases = ['ANL Australia'], e.description = 'Ship whose North Korean arms cache, detained by the UAE, was discovered in July 2009.';

// ---- Relationships ----
// photo caption
MATCH (a:Entity {id: 'kim-yong-nam'}), (b:Entity {id: 'hassan-rouhani'})
MERGE (a)-[r:MET_WITH {id: 'kim-yong-nam-met-rouhani-2018'}]->(b)
SET r.start = '2018', r.end = null, r.evidence = 'Kim Yong Nam and Hassan Rouhani meet in 2018 (Source: president.ir).', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'president.ir (photo caption)', r.confidence = 'confirmed';
// P1 opening
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:COOPERATED_WITH {id: 'dprk-iran-close-partnership'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Four decades after the Iranian Revolution, the Democratic People’s Republic of Korea (DPRK) maintains a close partnership with Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'kim-jong-un'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:LEADS {id: 'kim-jong-un-leads-north-korea-2021-06-20'}]->(b)
SET r.start = '2021-06-20', r.end = null, r.evidence = 'On June 20, 2021, North Korea’s Supreme Leader Kim Jong Un congratulated Ebrahim Raisi on his presidential election victory and wished him success in “building a powerful Iran.”', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'kim-jong-un'}), (b:Entity {id: 'ebrahim-raisi'})
MERGE (a)-[r:COMMUNICATED_WITH {id: 'kim-jong-un-congratulated-raisi-2021-06-20'}]->(b)
SET r.start = '2021-06-20', r.end = null, r.evidence = 'On June 20, 2021, North Korea’s Supreme Leader Kim Jong Un congratulated Ebrahim Raisi on his presidential election victory and wished him success in “building a powerful Iran.”', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:COOPERATED_WITH {id: 'dprk-iran-missile-projects-parts-shipment-2020'}]->(b)
SET r.start = '2020', r.end = null, r.evidence = 'A recent United Nations (UN) report revealed that North Korea and Iran are cooperating on long-term missile development projects, which included the shipment of parts in 2020.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'UN report (recent, undated in the article)', r.confidence = 'reported';
MATCH (a:Entity {id: 'un-report-recent'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:REPORTED_ON {id: 'un-report-recent-reported-on-north-korea'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'A recent United Nations (UN) report revealed that North Korea and Iran are cooperating on long-term missile development projects, which included the shipment of parts in 2020.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'un-report-recent'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:REPORTED_ON {id: 'un-report-recent-reported-on-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'A recent United Nations (UN) report revealed that North Korea and Iran are cooperating on long-term missile development projects, which included the shipment of parts in 2020.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-nations'}), (b:Entity {id: 'un-report-recent'})
MERGE (a)-[r:PUBLISHED {id: 'un-published-report-recent'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'A recent United Nations (UN) report revealed that North Korea and Iran are cooperating on long-term missile development projects, which included the shipment of parts in 2020.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'dprk-hypersonic-missile-tests'})
MERGE (a)-[r:CONDUCTED {id: 'dprk-conducted-hypersonic-missile-tests'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s hypersonic missile tests have also raised concerns about technology transfers to Iran, which developed a testing facility for hypersonic weapons in 2014.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'iran-hypersonic-test-facility'})
MERGE (a)-[r:DEVELOPED {id: 'iran-developed-hypersonic-test-facility-2014'}]->(b)
SET r.start = '2014', r.end = null, r.evidence = 'North Korea’s hypersonic missile tests have also raised concerns about technology transfers to Iran, which developed a testing facility for hypersonic weapons in 2014.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran-hypersonic-test-facility'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:LOCATED_IN {id: 'iran-hypersonic-test-facility-located-in-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s hypersonic missile tests have also raised concerns about technology transfers to Iran, which developed a testing facility for hypersonic weapons in 2014.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// Heading: DPRK-Iran Relations Since 1979
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:COOPERATED_WITH {id: 'dprk-iran-relations-since-1979'}]->(b)
SET r.start = '1979', r.end = null, r.evidence = 'DPRK-Iran Relations Since 1979: A Close but Intermittent Partnership', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P3 relations since 1979
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:DIPLOMATIC_RELATIONS {id: 'iran-dprk-diplomatic-relations-1973'}]->(b)
SET r.start = '1973', r.end = null, r.evidence = 'Although Iran established diplomatic relations with North Korea in 1973, the Iranian Revolution resulted in a rapid expansion of Tehran-Pyongyang cooperation.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:COOPERATED_WITH {id: 'iran-dprk-cooperation-expanded-after-revolution'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Although Iran established diplomatic relations with North Korea in 1973, the Iranian Revolution resulted in a rapid expansion of Tehran-Pyongyang cooperation.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'iranian-revolution'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'iran-underwent-iranian-revolution'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Although Iran established diplomatic relations with North Korea in 1973, the Iranian Revolution resulted in a rapid expansion of Tehran-Pyongyang cooperation.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'iraq'})
MERGE (a)-[r:FOUGHT {id: 'iran-fought-iraq-1980-1988'}]->(b)
SET r.start = '1980-09', r.end = '1988', r.evidence = 'After the Iran-Iraq War began in September 1980, North Korea transferred Soviet T-54/T-55 tanks, ammunition and Chinese-made equipment to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'iran-iraq-war'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'iran-participated-in-iran-iraq-war'}]->(b)
SET r.start = '1980-09', r.end = '1988', r.evidence = 'After the Iran-Iraq War began in September 1980, North Korea transferred Soviet T-54/T-55 tanks, ammunition and Chinese-made equipment to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iraq'}), (b:Entity {id: 'iran-iraq-war'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'iraq-participated-in-iran-iraq-war'}]->(b)
SET r.start = '1980-09', r.end = '1988', r.evidence = 'After the Iran-Iraq War began in September 1980, North Korea transferred Soviet T-54/T-55 tanks, ammunition and Chinese-made equipment to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-tanks-1980'}]->(b)
SET r.start = '1980-09', r.end = '1988', r.evidence = 'After the Iran-Iraq War began in September 1980, North Korea transferred Soviet T-54/T-55 tanks, ammunition and Chinese-made equipment to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 't-54-t-55'})
MERGE (a)-[r:ACQUIRED {id: 'iran-acquired-t-54-t-55-1980'}]->(b)
SET r.start = '1980-09', r.end = '1988', r.evidence = 'After the Iran-Iraq War began in September 1980, North Korea transferred Soviet T-54/T-55 tanks, ammunition and Chinese-made equipment to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'soviet-union'}), (b:Entity {id: 't-54-t-55'})
MERGE (a)-[r:DEVELOPED {id: 'soviet-union-developed-t-54-t-55'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'After the Iran-Iraq War began in September 1980, North Korea transferred Soviet T-54/T-55 tanks, ammunition and Chinese-made equipment to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-arms-transfers-peak-1981-1983'}]->(b)
SET r.start = '1981', r.end = '1983', r.evidence = 'These arms transfers peaked from 1981-1983 but diminished during the second half of the war due to quality concerns.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:BROKERED_FOR {id: 'dprk-conduit-soviet-chinese-equipment-for-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the latter stages of the conflict, North Korea acted as a deniable conduit for Soviet and Chinese military equipment, such as anti-shipping missiles, and after Akbar Hashemi Rafsanjani’s 1985 visit to Pyongyang, North Korean military-technical advisors arrived in Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'soviet-chinese-anti-shipping-missiles'})
MERGE (a)-[r:ACQUIRED {id: 'iran-acquired-anti-shipping-missiles'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the latter stages of the conflict, North Korea acted as a deniable conduit for Soviet and Chinese military equipment, such as anti-shipping missiles, and after Akbar Hashemi Rafsanjani’s 1985 visit to Pyongyang, North Korean military-technical advisors arrived in Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'soviet-union'}), (b:Entity {id: 'soviet-chinese-anti-shipping-missiles'})
MERGE (a)-[r:DEVELOPED {id: 'soviet-union-developed-anti-shipping-missiles'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the latter stages of the conflict, North Korea acted as a deniable conduit for Soviet and Chinese military equipment, such as anti-shipping missiles, and after Akbar Hashemi Rafsanjani’s 1985 visit to Pyongyang, North Korean military-technical advisors arrived in Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'china'}), (b:Entity {id: 'soviet-chinese-anti-shipping-missiles'})
MERGE (a)-[r:DEVELOPED {id: 'china-developed-anti-shipping-missiles'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the latter stages of the conflict, North Korea acted as a deniable conduit for Soviet and Chinese military equipment, such as anti-shipping missiles, and after Akbar Hashemi Rafsanjani’s 1985 visit to Pyongyang, North Korean military-technical advisors arrived in Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'akbar-hashemi-rafsanjani'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:VISITED {id: 'rafsanjani-visited-pyongyang-1985'}]->(b)
SET r.start = '1985', r.end = null, r.evidence = 'During the latter stages of the conflict, North Korea acted as a deniable conduit for Soviet and Chinese military equipment, such as anti-shipping missiles, and after Akbar Hashemi Rafsanjani’s 1985 visit to Pyongyang, North Korean military-technical advisors arrived in Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:ASSISTED {id: 'dprk-military-technical-advisors-iran-1985'}]->(b)
SET r.start = '1985', r.end = null, r.evidence = 'During the latter stages of the conflict, North Korea acted as a deniable conduit for Soviet and Chinese military equipment, such as anti-shipping missiles, and after Akbar Hashemi Rafsanjani’s 1985 visit to Pyongyang, North Korean military-technical advisors arrived in Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'o-jin-u'}), (b:Entity {id: 'mohsen-rezai'})
MERGE (a)-[r:MET_WITH {id: 'o-jin-u-met-rezai-1990-11'}]->(b)
SET r.start = '1990-11', r.end = null, r.evidence = 'In November 1990, North Korea’s Defense Minister Marshall O Jin U met with Islamic Revolutionary Guard Corps (IRGC) head Mohsen Rezai in Tehran and authorized the sale of 500-km Scud-C missiles to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'o-jin-u'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:VISITED {id: 'o-jin-u-visited-tehran-1990-11'}]->(b)
SET r.start = '1990-11', r.end = null, r.evidence = 'In November 1990, North Korea’s Defense Minister Marshall O Jin U met with Islamic Revolutionary Guard Corps (IRGC) head Mohsen Rezai in Tehran and authorized the sale of 500-km Scud-C missiles to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'o-jin-u'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:OFFICIAL_OF {id: 'o-jin-u-defense-minister-1990-11'}]->(b)
SET r.start = '1990-11', r.end = null, r.evidence = 'In November 1990, North Korea’s Defense Minister Marshall O Jin U met with Islamic Revolutionary Guard Corps (IRGC) head Mohsen Rezai in Tehran and authorized the sale of 500-km Scud-C missiles to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'mohsen-rezai'}), (b:Entity {id: 'irgc'})
MERGE (a)-[r:LEADS {id: 'mohsen-rezai-leads-irgc-1990-11'}]->(b)
SET r.start = '1990-11', r.end = null, r.evidence = 'In November 1990, North Korea’s Defense Minister Marshall O Jin U met with Islamic Revolutionary Guard Corps (IRGC) head Mohsen Rezai in Tehran and authorized the sale of 500-km Scud-C missiles to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'irgc'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:PART_OF {id: 'irgc-part-of-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'In November 1990, North Korea’s Defense Minister Marshall O Jin U met with Islamic Revolutionary Guard Corps (IRGC) head Mohsen Rezai in Tehran and authorized the sale of 500-km Scud-C missiles to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-scud-c-sale-1990-11'}]->(b)
SET r.start = '1990-11', r.end = null, r.evidence = 'In November 1990, North Korea’s Defense Minister Marshall O Jin U met with Islamic Revolutionary Guard Corps (IRGC) head Mohsen Rezai in Tehran and authorized the sale of 500-km Scud-C missiles to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'scud-c'})
MERGE (a)-[r:ACQUIRED {id: 'iran-acquired-scud-c-1990-11'}]->(b)
SET r.start = '1990-11', r.end = null, r.evidence = 'In November 1990, North Korea’s Defense Minister Marshall O Jin U met with Islamic Revolutionary Guard Corps (IRGC) head Mohsen Rezai in Tehran and authorized the sale of 500-km Scud-C missiles to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P4 solidarity and limits
MATCH (a:Entity {id: 'ri-yong-ho'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:VISITED {id: 'ri-yong-ho-visited-iran-2018-08'}]->(b)
SET r.start = '2018-08', r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'ri-yong-ho'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:OFFICIAL_OF {id: 'ri-yong-ho-foreign-minister-2018-08'}]->(b)
SET r.start = '2018-08', r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPORTS {id: 'dprk-solidarity-with-iran-2018-08'}]->(b)
SET r.start = '2018-08', r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'javad-zarif'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:COMMUNICATED_WITH {id: 'zarif-pledged-to-visit-pyongyang-2019-04'}]->(b)
SET r.start = '2019-04', r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'javad-zarif'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:OFFICIAL_OF {id: 'zarif-foreign-minister-2019-04'}]->(b)
SET r.start = '2019-04', r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:SUPPORTS {id: 'iran-solidarity-with-dprk-2019-04'}]->(b)
SET r.start = '2019-04', r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SANCTIONED {id: 'us-sanctions-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:SANCTIONED {id: 'us-sanctions-north-korea'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Solidarity between both countries against US sanctions, which was highlighted by North Korean Foreign Minister Ri Yong Ho’s August 2018 visit to Iran and Iranian Foreign Minister Javad Zarif’s April 2019 pledge to visit Pyongyang, has not rebooted bilateral trade for several underlying reasons.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iraq'})
MERGE (a)-[r:COMMUNICATED_WITH {id: 'dprk-sought-relations-with-iraq-1980s'}]->(b)
SET r.start = '1980', r.end = '1989', r.evidence = 'The legacy of North Korea’s efforts to reestablish diplomatic relations with Iraq during the 1980s created latent mistrust with Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:DISPUTED_WITH {id: 'dprk-iran-clash-over-sunni-extremists'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s aversion to military interventions against Sunni extremist organizations, such as Boko Haram and the Islamic State (ISIS), clashed with Iran’s hawkish policies towards these groups.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'isis'})
MERGE (a)-[r:OPPOSES {id: 'iran-opposes-isis'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s aversion to military interventions against Sunni extremist organizations, such as Boko Haram and the Islamic State (ISIS), clashed with Iran’s hawkish policies towards these groups.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'boko-haram'})
MERGE (a)-[r:OPPOSES {id: 'iran-opposes-boko-haram'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s aversion to military interventions against Sunni extremist organizations, such as Boko Haram and the Islamic State (ISIS), clashed with Iran’s hawkish policies towards these groups.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P5 Iranian factions and the ROK
MATCH (a:Entity {id: 'kayhan'}), (b:Entity {id: 'united-states'})
MERGE (a)-[r:CRITICIZED {id: 'kayhan-blames-us'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Hardline media outlets, such as Kayhan, routinely blame the US for escalating tensions with North Korea and uncritically amplify content from North Korean state media outlets, such as Rodong Sinmun.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'kayhan'}), (b:Entity {id: 'rodong-sinmun'})
MERGE (a)-[r:AMPLIFIED {id: 'kayhan-amplifies-rodong-sinmun'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Hardline media outlets, such as Kayhan, routinely blame the US for escalating tensions with North Korea and uncritically amplify content from North Korean state media outlets, such as Rodong Sinmun.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'rodong-sinmun'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:PART_OF {id: 'rodong-sinmun-part-of-north-korea'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Hardline media outlets, such as Kayhan, routinely blame the US for escalating tensions with North Korea and uncritically amplify content from North Korean state media outlets, such as Rodong Sinmun.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'hassan-rouhani'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:LEADS {id: 'hassan-rouhani-president-of-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'However, these hardline views have not been consistently embraced by moderate figures, such as former President Hassan Rouhani or Javad Zarif, as Iran has assiduously maintained close relations with the Republic of Korea (ROK).', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'south-korea'})
MERGE (a)-[r:DIPLOMATIC_RELATIONS {id: 'iran-rok-close-relations'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'However, these hardline views have not been consistently embraced by moderate figures, such as former President Hassan Rouhani or Javad Zarif, as Iran has assiduously maintained close relations with the Republic of Korea (ROK).', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'south-korea'})
MERGE (a)-[r:DISPUTED_WITH {id: 'iran-rok-clash-frozen-assets-2019-09'}]->(b)
SET r.start = '2019-09', r.end = null, r.evidence = 'Even the September 2019 clash between Tehran and Seoul over the freezing of $7 billion in Iranian assets held by South Korean banks did not cause Tehran to choose Pyongyang over Seoul or expand its cooperation with Pyongyang.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'south-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SANCTIONED {id: 'rok-froze-iranian-assets-2019-09'}]->(b)
SET r.start = '2019-09', r.end = null, r.evidence = 'Even the September 2019 clash between Tehran and Seoul over the freezing of $7 billion in Iranian assets held by South Korean banks did not cause Tehran to choose Pyongyang over Seoul or expand its cooperation with Pyongyang.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P6 missile cooperation
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:COOPERATED_WITH {id: 'dprk-iran-ballistic-missile-cooperation-since-1980s'}]->(b)
SET r.start = '1980', r.end = null, r.evidence = 'Since its initial tranche of arms sales to Iran during the 1980s, North Korea has cooperated closely with Iran on ballistic missile development.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'china'}), (b:Entity {id: 'china-iran-military-agreement-1991'})
MERGE (a)-[r:SIGNED {id: 'china-signed-military-agreement-1991'}]->(b)
SET r.start = '1991', r.end = null, r.evidence = 'Although China and Iran signed a 10-year military cooperation agreement in 1991, North Korea became a major supplier of missile technology to Tehran during the 1990s.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'china-iran-military-agreement-1991'})
MERGE (a)-[r:SIGNED {id: 'iran-signed-china-military-agreement-1991'}]->(b)
SET r.start = '1991', r.end = null, r.evidence = 'Although China and Iran signed a 10-year military cooperation agreement in 1991, North Korea became a major supplier of missile technology to Tehran during the 1990s.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-missile-technology-1990s'}]->(b)
SET r.start = '1990', r.end = '1999', r.evidence = 'Although China and Iran signed a 10-year military cooperation agreement in 1991, North Korea became a major supplier of missile technology to Tehran during the 1990s.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-scud-tels-1995'}]->(b)
SET r.start = '1995', r.end = null, r.evidence = 'In 1995, North Korea shipped Scud transporter-erector-launchers to Iran, and in November 1999, US intelligence investigated the transfer of 12 Nodong missile engines from North Korea to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'scud-tel'})
MERGE (a)-[r:ACQUIRED {id: 'iran-acquired-scud-tels-1995'}]->(b)
SET r.start = '1995', r.end = null, r.evidence = 'In 1995, North Korea shipped Scud transporter-erector-launchers to Iran, and in November 1999, US intelligence investigated the transfer of 12 Nodong missile engines from North Korea to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-nodong-engines-1999-11'}]->(b)
SET r.start = '1999-11', r.end = null, r.evidence = 'In 1995, North Korea shipped Scud transporter-erector-launchers to Iran, and in November 1999, US intelligence investigated the transfer of 12 Nodong missile engines from North Korea to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence', r.confidence = 'reported';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'nodong'})
MERGE (a)-[r:ACQUIRED {id: 'iran-acquired-nodong-engines-1999-11'}]->(b)
SET r.start = '1999-11', r.end = null, r.evidence = 'In 1995, North Korea shipped Scud transporter-erector-launchers to Iran, and in November 1999, US intelligence investigated the transfer of 12 Nodong missile engines from North Korea to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence', r.confidence = 'reported';
MATCH (a:Entity {id: 'us-intelligence-community'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:REPORTED_ON {id: 'us-intelligence-investigated-nodong-engines-1999-11'}]->(b)
SET r.start = '1999-11', r.end = null, r.evidence = 'In 1995, North Korea shipped Scud transporter-erector-launchers to Iran, and in November 1999, US intelligence investigated the transfer of 12 Nodong missile engines from North Korea to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'us-intelligence-community'}), (b:Entity {id: 'united-states'})
MERGE (a)-[r:PART_OF {id: 'us-intelligence-part-of-us'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'In 1995, North Korea shipped Scud transporter-erector-launchers to Iran, and in November 1999, US intelligence investigated the transfer of 12 Nodong missile engines from North Korea to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'dprk-nuclear-test-2006'})
MERGE (a)-[r:CONDUCTED {id: 'dprk-conducted-nuclear-test-2006'}]->(b)
SET r.start = '2006', r.end = null, r.evidence = 'Despite stringent UN sanctions against North Korea, which were imposed after its 2006 and 2009 nuclear tests, the North’s ballistic missile cooperation with Iran continued at a rapid pace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'dprk-nuclear-test-2009'})
MERGE (a)-[r:CONDUCTED {id: 'dprk-conducted-nuclear-test-2009'}]->(b)
SET r.start = '2009', r.end = null, r.evidence = 'Despite stringent UN sanctions against North Korea, which were imposed after its 2006 and 2009 nuclear tests, the North’s ballistic missile cooperation with Iran continued at a rapid pace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-nations'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:SANCTIONED {id: 'un-sanctioned-dprk-2006'}]->(b)
SET r.start = '2006', r.end = null, r.evidence = 'Despite stringent UN sanctions against North Korea, which were imposed after its 2006 and 2009 nuclear tests, the North’s ballistic missile cooperation with Iran continued at a rapid pace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-nations'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:SANCTIONED {id: 'un-sanctioned-dprk-2009'}]->(b)
SET r.start = '2009', r.end = null, r.evidence = 'Despite stringent UN sanctions against North Korea, which were imposed after its 2006 and 2009 nuclear tests, the North’s ballistic missile cooperation with Iran continued at a rapid pace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:COOPERATED_WITH {id: 'dprk-iran-missile-cooperation-despite-sanctions'}]->(b)
SET r.start = '2006', r.end = null, r.evidence = 'Despite stringent UN sanctions against North Korea, which were imposed after its 2006 and 2009 nuclear tests, the North’s ballistic missile cooperation with Iran continued at a rapid pace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'un-report-2011-05'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:REPORTED_ON {id: 'un-report-2011-05-reported-on-north-korea'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'A May 2011 UN report revealed regular flights between North Korea and Iran, which transferred missile-related equipment.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'un-report-2011-05'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:REPORTED_ON {id: 'un-report-2011-05-reported-on-iran'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'A May 2011 UN report revealed regular flights between North Korea and Iran, which transferred missile-related equipment.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-nations'}), (b:Entity {id: 'un-report-2011-05'})
MERGE (a)-[r:PUBLISHED {id: 'un-published-report-2011-05'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'A May 2011 UN report revealed regular flights between North Korea and Iran, which transferred missile-related equipment.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-flights-missile-equipment'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'A May 2011 UN report revealed regular flights between North Korea and Iran, which transferred missile-related equipment.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'UN report, May 2011', r.confidence = 'reported';
MATCH (a:Entity {id: 'air-koryo'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:TRANSPORTED_FOR {id: 'air-koryo-flights-for-north-korea'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'These flights were chartered by civilian airlines, such as North Korea’s Air Koryo and Iran Air, and passed through China’s airspace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'UN report, May 2011', r.confidence = 'reported';
MATCH (a:Entity {id: 'iran-air'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:TRANSPORTED_FOR {id: 'iran-air-flights-for-iran'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'These flights were chartered by civilian airlines, such as North Korea’s Air Koryo and Iran Air, and passed through China’s airspace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'UN report, May 2011', r.confidence = 'reported';
MATCH (a:Entity {id: 'air-koryo'}), (b:Entity {id: 'china'})
MERGE (a)-[r:TRANSITED {id: 'air-koryo-transited-china'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'These flights were chartered by civilian airlines, such as North Korea’s Air Koryo and Iran Air, and passed through China’s airspace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'UN report, May 2011', r.confidence = 'reported';
MATCH (a:Entity {id: 'iran-air'}), (b:Entity {id: 'china'})
MERGE (a)-[r:TRANSITED {id: 'iran-air-transited-china'}]->(b)
SET r.start = '2011-05', r.end = null, r.evidence = 'These flights were chartered by civilian airlines, such as North Korea’s Air Koryo and Iran Air, and passed through China’s airspace.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'UN report, May 2011', r.confidence = 'reported';
// P7 Musudan, Ghadir, booster
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-iran-musudan-2000s'}]->(b)
SET r.start = '2000', r.end = '2009', r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'musudan'})
MERGE (a)-[r:ACQUIRED {id: 'iran-purchased-musudan-2000s'}]->(b)
SET r.start = '2000', r.end = '2009', r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'musudan'})
MERGE (a)-[r:DEVELOPED {id: 'dprk-developed-musudan'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'nodong'})
MERGE (a)-[r:ACQUIRED {id: 'iran-nodong-stockpiles'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'ghadir-class-submarine'})
MERGE (a)-[r:DEVELOPED {id: 'iran-unveiled-ghadir-class-2007'}]->(b)
SET r.start = '2007', r.end = null, r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iranian-navy'}), (b:Entity {id: 'ghadir-class-submarine'})
MERGE (a)-[r:USED {id: 'iranian-navy-operates-ghadir-class'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iranian-navy'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:PART_OF {id: 'iranian-navy-part-of-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'ghadir-class-submarine'}), (b:Entity {id: 'dprk-submarine-prototypes'})
MERGE (a)-[r:DERIVED_FROM {id: 'ghadir-class-inspired-by-dprk-prototypes'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'dprk-submarine-prototypes'})
MERGE (a)-[r:DEVELOPED {id: 'dprk-developed-submarine-prototypes'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'During the 2000s, Iran purchased North Korea’s Musudan system to complement its Nodong stockpiles, and the Iranian Navy’s Ghadir-class submarines, which were unveiled in 2007, were inspired by North Korean prototypes.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:ASSISTED {id: 'dprk-assisted-iran-80-ton-booster'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea also assisted Iran’s development of an 80-ton rocket booster for intercontinental ballistic missiles (ICBMs).', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'rocket-booster-80-ton'})
MERGE (a)-[r:DEVELOPED {id: 'iran-developed-80-ton-booster'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea also assisted Iran’s development of an 80-ton rocket booster for intercontinental ballistic missiles (ICBMs).', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P8 CRS, Treasury, SLV
MATCH (a:Entity {id: 'crs'}), (b:Entity {id: 'crs-report-2016'})
MERGE (a)-[r:PUBLISHED {id: 'crs-published-report-2016'}]->(b)
SET r.start = '2016', r.end = null, r.evidence = 'A 2016 Congressional Research Service report warned that ballistic missile technology cooperation between Iran and North Korea is “significant and meaningful.”', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'crs-report-2016'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:REPORTED_ON {id: 'crs-report-2016-reported-on-iran'}]->(b)
SET r.start = '2016', r.end = null, r.evidence = 'A 2016 Congressional Research Service report warned that ballistic missile technology cooperation between Iran and North Korea is “significant and meaningful.”', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'crs-report-2016'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:REPORTED_ON {id: 'crs-report-2016-reported-on-north-korea'}]->(b)
SET r.start = '2016', r.end = null, r.evidence = 'A 2016 Congressional Research Service report warned that ballistic missile technology cooperation between Iran and North Korea is “significant and meaningful.”', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:COOPERATED_WITH {id: 'iran-dprk-missile-cooperation-significant-2016'}]->(b)
SET r.start = '2016', r.end = null, r.evidence = 'A 2016 Congressional Research Service report warned that ballistic missile technology cooperation between Iran and North Korea is “significant and meaningful.”', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Congressional Research Service report, 2016', r.confidence = 'reported';
MATCH (a:Entity {id: 'us-treasury'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:SANCTIONED {id: 'us-treasury-sanctioned-iranian-entities-2016'}]->(b)
SET r.start = '2016', r.end = null, r.evidence = 'These revelations culminated in US Treasury Department sanctions in 2016 against Iranian entities that cooperated with North Korea.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'us-treasury'}), (b:Entity {id: 'united-states'})
MERGE (a)-[r:PART_OF {id: 'us-treasury-part-of-us'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'These revelations culminated in US Treasury Department sanctions in 2016 against Iranian entities that cooperated with North Korea.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'shahid-haj-ali-movahed-research-center'})
MERGE (a)-[r:ASSISTED {id: 'dprk-assisted-shahid-haj-ali-movahed-slv-2020'}]->(b)
SET r.start = '2020', r.end = null, r.evidence = 'While evidence of these shipments diminished from 2016-2019, Iran’s Shahid Haj Ali Movahed Research Center received “support and assistance” from North Korean missile specialists for a space launch vehicle (SLV) in 2020.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'reported';
MATCH (a:Entity {id: 'shahid-haj-ali-movahed-research-center'}), (b:Entity {id: 'shahid-haj-ali-movahed-slv'})
MERGE (a)-[r:DEVELOPED {id: 'shahid-haj-ali-movahed-developed-slv-2020'}]->(b)
SET r.start = '2020', r.end = null, r.evidence = 'While evidence of these shipments diminished from 2016-2019, Iran’s Shahid Haj Ali Movahed Research Center received “support and assistance” from North Korean missile specialists for a space launch vehicle (SLV) in 2020.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'reported';
MATCH (a:Entity {id: 'shahid-haj-ali-movahed-research-center'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:PART_OF {id: 'shahid-haj-ali-movahed-part-of-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While evidence of these shipments diminished from 2016-2019, Iran’s Shahid Haj Ali Movahed Research Center received “support and assistance” from North Korean missile specialists for a space launch vehicle (SLV) in 2020.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P9 two-way transfers, SHIG, KOMID
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:SUPPLIED {id: 'iran-dprk-know-how-transfers'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While North Korea’s missile technology assistance to Iran garnered more attention, these transfers of military know-how eventually went both ways.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'unha'})
MERGE (a)-[r:DEVELOPED {id: 'dprk-developed-unha'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Iranian technicians were present at North Korea’s 2009 and 2012 Unha rocket launches.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'unha-launch-2009'})
MERGE (a)-[r:CONDUCTED {id: 'dprk-conducted-unha-launch-2009'}]->(b)
SET r.start = '2009', r.end = null, r.evidence = 'Iranian technicians were present at North Korea’s 2009 and 2012 Unha rocket launches.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'unha-launch-2012'})
MERGE (a)-[r:CONDUCTED {id: 'dprk-conducted-unha-launch-2012'}]->(b)
SET r.start = '2012', r.end = null, r.evidence = 'Iranian technicians were present at North Korea’s 2009 and 2012 Unha rocket launches.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'unha-launch-2009'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'iran-technicians-at-unha-launch-2009'}]->(b)
SET r.start = '2009', r.end = null, r.evidence = 'Iranian technicians were present at North Korea’s 2009 and 2012 Unha rocket launches.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'unha-launch-2012'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'iran-technicians-at-unha-launch-2012'}]->(b)
SET r.start = '2012', r.end = null, r.evidence = 'Iranian technicians were present at North Korea’s 2009 and 2012 Unha rocket launches.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'nodong-warhead-2010'})
MERGE (a)-[r:DEVELOPED {id: 'dprk-unveiled-nodong-warhead-2010-10'}]->(b)
SET r.start = '2010-10', r.end = null, r.evidence = 'In October 2010, North Korea unveiled a new Nodong missile warhead that strikingly resembled Iran’s Shahab-3 triconic warhead.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'nodong-warhead-2010'}), (b:Entity {id: 'shahab-3'})
MERGE (a)-[r:RESEMBLES {id: 'nodong-warhead-resembles-shahab-3'}]->(b)
SET r.start = '2010-10', r.end = null, r.evidence = 'In October 2010, North Korea unveiled a new Nodong missile warhead that strikingly resembled Iran’s Shahab-3 triconic warhead.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'shahab-3'})
MERGE (a)-[r:DEVELOPED {id: 'iran-developed-shahab-3'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'In October 2010, North Korea unveiled a new Nodong missile warhead that strikingly resembled Iran’s Shahab-3 triconic warhead.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'shig'}), (b:Entity {id: 'aio'})
MERGE (a)-[r:SUBSIDIARY_OF {id: 'shig-subsidiary-of-aio'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'The Shahid Hemmat Industrial Group (SHIG), a subsidiary of Iran’s Aerospace Industries Organization, sent technicians to North Korea in exchange for valves, electronics and measuring equipment used for ballistic missiles.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'aio'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:PART_OF {id: 'aio-part-of-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'The Shahid Hemmat Industrial Group (SHIG), a subsidiary of Iran’s Aerospace Industries Organization, sent technicians to North Korea in exchange for valves, electronics and measuring equipment used for ballistic missiles.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'shig'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:ASSISTED {id: 'shig-sent-technicians-to-dprk'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'The Shahid Hemmat Industrial Group (SHIG), a subsidiary of Iran’s Aerospace Industries Organization, sent technicians to North Korea in exchange for valves, electronics and measuring equipment used for ballistic missiles.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'shig'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-supplied-shig-missile-components'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'The Shahid Hemmat Industrial Group (SHIG), a subsidiary of Iran’s Aerospace Industries Organization, sent technicians to North Korea in exchange for valves, electronics and measuring equipment used for ballistic missiles.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'shig'}), (b:Entity {id: 'komid'})
MERGE (a)-[r:COOPERATED_WITH {id: 'shig-komid-relationship'}]->(b)
SET r.start = '2016-01', r.end = null, r.evidence = 'SHIG’s relationship with the sanctioned Korea Mining Development Trading Company (KOMID) was also announced by the US Treasury Department in January 2016.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US Treasury Department, January 2016', r.confidence = 'reported';
MATCH (a:Entity {id: 'us-treasury'}), (b:Entity {id: 'shig'})
MERGE (a)-[r:REPORTED_ON {id: 'us-treasury-announced-shig-komid-2016-01'}]->(b)
SET r.start = '2016-01', r.end = null, r.evidence = 'SHIG’s relationship with the sanctioned Korea Mining Development Trading Company (KOMID) was also announced by the US Treasury Department in January 2016.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'us-treasury'}), (b:Entity {id: 'komid'})
MERGE (a)-[r:REPORTED_ON {id: 'us-treasury-reported-on-komid-2016-01'}]->(b)
SET r.start = '2016-01', r.end = null, r.evidence = 'SHIG’s relationship with the sanctioned Korea Mining Development Trading Company (KOMID) was also announced by the US Treasury Department in January 2016.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'iran-dprk-military-technical-agreement-2012'})
MERGE (a)-[r:SIGNED {id: 'iran-signed-dprk-military-technical-agreement-2012-09'}]->(b)
SET r.start = '2012-09', r.end = null, r.evidence = 'Therefore, the September 2012 Iran-DPRK military-technical agreement could have considerable practical significance for both Tehran and Pyongyang.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran-dprk-military-technical-agreement-2012'})
MERGE (a)-[r:SIGNED {id: 'dprk-signed-iran-military-technical-agreement-2012-09'}]->(b)
SET r.start = '2012-09', r.end = null, r.evidence = 'Therefore, the September 2012 Iran-DPRK military-technical agreement could have considerable practical significance for both Tehran and Pyongyang.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P10 nuclear sphere
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'syria'})
MERGE (a)-[r:ASSISTED {id: 'dprk-assisted-syria-al-kibar'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s assistance in constructing Syria’s Al-Kibar nuclear reactor, which was destroyed by Israeli airstrikes in September 2007, is a potential prototype for future assistance to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'syria'}), (b:Entity {id: 'al-kibar'})
MERGE (a)-[r:DEVELOPED {id: 'syria-developed-al-kibar'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s assistance in constructing Syria’s Al-Kibar nuclear reactor, which was destroyed by Israeli airstrikes in September 2007, is a potential prototype for future assistance to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'al-kibar'}), (b:Entity {id: 'syria'})
MERGE (a)-[r:LOCATED_IN {id: 'al-kibar-located-in-syria'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s assistance in constructing Syria’s Al-Kibar nuclear reactor, which was destroyed by Israeli airstrikes in September 2007, is a potential prototype for future assistance to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'israel'}), (b:Entity {id: 'al-kibar'})
MERGE (a)-[r:ATTACKED {id: 'israel-destroyed-al-kibar-2007-09'}]->(b)
SET r.start = '2007-09', r.end = null, r.evidence = 'North Korea’s assistance in constructing Syria’s Al-Kibar nuclear reactor, which was destroyed by Israeli airstrikes in September 2007, is a potential prototype for future assistance to Iran.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'ncri'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:OPPOSES {id: 'ncri-opposes-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'The National Council of Resistance of Iran (NCRI), a dissident group that exposed Iran’s Natanz facility in 2002, alleged that North Korean nuclear scientists visited Iran in 2015.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'ncri'}), (b:Entity {id: 'natanz'})
MERGE (a)-[r:EXPOSED {id: 'ncri-exposed-natanz-2002'}]->(b)
SET r.start = '2002', r.end = null, r.evidence = 'The National Council of Resistance of Iran (NCRI), a dissident group that exposed Iran’s Natanz facility in 2002, alleged that North Korean nuclear scientists visited Iran in 2015.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'natanz'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:LOCATED_IN {id: 'natanz-located-in-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'The National Council of Resistance of Iran (NCRI), a dissident group that exposed Iran’s Natanz facility in 2002, alleged that North Korean nuclear scientists visited Iran in 2015.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'ncri'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:ACCUSED {id: 'ncri-accused-dprk-nuclear-scientists-visit'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'The National Council of Resistance of Iran (NCRI), a dissident group that exposed Iran’s Natanz facility in 2002, alleged that North Korean nuclear scientists visited Iran in 2015.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:VISITED {id: 'dprk-nuclear-scientists-visited-iran-2015'}]->(b)
SET r.start = '2015', r.end = null, r.evidence = 'The National Council of Resistance of Iran (NCRI), a dissident group that exposed Iran’s Natanz facility in 2002, alleged that North Korean nuclear scientists visited Iran in 2015.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'National Council of Resistance of Iran (NCRI)', r.confidence = 'alleged';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'jcpoa'})
MERGE (a)-[r:WITHDREW_FROM {id: 'us-withdrew-from-jcpoa-2018'}]->(b)
SET r.start = '2018', r.end = null, r.evidence = 'While the intensification of Iran’s uranium enrichment since the US withdrawal from the Joint Comprehensive Plan of Action (JCPOA) in 2018 could lead to greater cooperation with North Korea, there is insufficient evidence of large-scale collaboration between the two countries in the nuclear sphere.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'jcpoa'})
MERGE (a)-[r:SIGNED {id: 'us-party-to-jcpoa'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While the intensification of Iran’s uranium enrichment since the US withdrawal from the Joint Comprehensive Plan of Action (JCPOA) in 2018 could lead to greater cooperation with North Korea, there is insufficient evidence of large-scale collaboration between the two countries in the nuclear sphere.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'jcpoa'})
MERGE (a)-[r:SIGNED {id: 'iran-party-to-jcpoa'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While the intensification of Iran’s uranium enrichment since the US withdrawal from the Joint Comprehensive Plan of Action (JCPOA) in 2018 could lead to greater cooperation with North Korea, there is insufficient evidence of large-scale collaboration between the two countries in the nuclear sphere.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P11 proxies and Hezbollah
MATCH (a:Entity {id: 'bashar-al-assad'}), (b:Entity {id: 'syria'})
MERGE (a)-[r:LEADS {id: 'assad-president-of-syria'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Due to their shared antipathy towards Israel and support for Syrian President Bashar al-Assad, North Korea and Iran maintain cordial relations with Shia proxy militias in the Middle East.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'bashar-al-assad'})
MERGE (a)-[r:SUPPORTS {id: 'dprk-supports-assad'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Due to their shared antipathy towards Israel and support for Syrian President Bashar al-Assad, North Korea and Iran maintain cordial relations with Shia proxy militias in the Middle East.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'bashar-al-assad'})
MERGE (a)-[r:SUPPORTS {id: 'iran-supports-assad'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Due to their shared antipathy towards Israel and support for Syrian President Bashar al-Assad, North Korea and Iran maintain cordial relations with Shia proxy militias in the Middle East.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'israel'})
MERGE (a)-[r:OPPOSES {id: 'dprk-opposes-israel'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Due to their shared antipathy towards Israel and support for Syrian President Bashar al-Assad, North Korea and Iran maintain cordial relations with Shia proxy militias in the Middle East.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'israel'})
MERGE (a)-[r:OPPOSES {id: 'iran-opposes-israel'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Due to their shared antipathy towards Israel and support for Syrian President Bashar al-Assad, North Korea and Iran maintain cordial relations with Shia proxy militias in the Middle East.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:SUPPORTS {id: 'iran-supports-hezbollah'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Due to their shared antipathy towards Israel and support for Syrian President Bashar al-Assad, North Korea and Iran maintain cordial relations with Shia proxy militias in the Middle East.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:SUPPORTS {id: 'iran-supports-houthis'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Due to their shared antipathy towards Israel and support for Syrian President Bashar al-Assad, North Korea and Iran maintain cordial relations with Shia proxy militias in the Middle East.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:COOPERATED_WITH {id: 'dprk-cooperation-with-hezbollah'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s cooperation with Hezbollah in Lebanon and the Houthis in Yemen is especially close.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:COOPERATED_WITH {id: 'dprk-cooperation-with-houthis'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s cooperation with Hezbollah in Lebanon and the Houthis in Yemen is especially close.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'lebanon'})
MERGE (a)-[r:LOCATED_IN {id: 'hezbollah-located-in-lebanon'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s cooperation with Hezbollah in Lebanon and the Houthis in Yemen is especially close.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'houthis'}), (b:Entity {id: 'yemen'})
MERGE (a)-[r:LOCATED_IN {id: 'houthis-located-in-yemen'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s cooperation with Hezbollah in Lebanon and the Houthis in Yemen is especially close.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'israel'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:FOUGHT {id: 'israel-fought-hezbollah-2006'}]->(b)
SET r.start = '2006', r.end = null, r.evidence = 'Concerns about North Korea’s cooperation with Hezbollah date back to the 2006 Israel-Hezbollah war, which saw the Lebanese militia group withstand intense Israeli bombardments.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'israel'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:ATTACKED {id: 'israel-bombarded-hezbollah-2006'}]->(b)
SET r.start = '2006', r.end = null, r.evidence = 'Concerns about North Korea’s cooperation with Hezbollah date back to the 2006 Israel-Hezbollah war, which saw the Lebanese militia group withstand intense Israeli bombardments.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'israel'}), (b:Entity {id: 'israel-hezbollah-war-2006'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'israel-participated-in-2006-war'}]->(b)
SET r.start = '2006', r.end = null, r.evidence = 'Concerns about North Korea’s cooperation with Hezbollah date back to the 2006 Israel-Hezbollah war, which saw the Lebanese militia group withstand intense Israeli bombardments.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'israel-hezbollah-war-2006'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'hezbollah-participated-in-2006-war'}]->(b)
SET r.start = '2006', r.end = null, r.evidence = 'Concerns about North Korea’s cooperation with Hezbollah date back to the 2006 Israel-Hezbollah war, which saw the Lebanese militia group withstand intense Israeli bombardments.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:COMMUNICATED_WITH {id: 'dprk-hezbollah-contact-1980s'}]->(b)
SET r.start = '1980', r.end = '1989', r.evidence = 'While North Korea had informally established contact with Hezbollah in the 1980s, it embarked on an ambitious military training program in 2000, which taught Hezbollah how to build underground bunkers for arms, food and medical facilities.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:TRAINED {id: 'dprk-trained-hezbollah-bunkers-2000'}]->(b)
SET r.start = '2000', r.end = null, r.evidence = 'While North Korea had informally established contact with Hezbollah in the 1980s, it embarked on an ambitious military training program in 2000, which taught Hezbollah how to build underground bunkers for arms, food and medical facilities.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'reported';
MATCH (a:Entity {id: 'crs'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:REPORTED_ON {id: 'crs-reported-on-north-korea-2007-12'}]->(b)
SET r.start = '2007-12', r.end = null, r.evidence = 'In December 2007, the Congressional Research Service lent credibility to these reports, as it listed Hezbollah and the Tamil Tigers as key destinations of North Korean military assistance.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'crs'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:REPORTED_ON {id: 'crs-reported-on-hezbollah-2007-12'}]->(b)
SET r.start = '2007-12', r.end = null, r.evidence = 'In December 2007, the Congressional Research Service lent credibility to these reports, as it listed Hezbollah and the Tamil Tigers as key destinations of North Korean military assistance.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'crs'}), (b:Entity {id: 'tamil-tigers'})
MERGE (a)-[r:REPORTED_ON {id: 'crs-reported-on-tamil-tigers-2007-12'}]->(b)
SET r.start = '2007-12', r.end = null, r.evidence = 'In December 2007, the Congressional Research Service lent credibility to these reports, as it listed Hezbollah and the Tamil Tigers as key destinations of North Korean military assistance.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:ASSISTED {id: 'dprk-military-assistance-hezbollah'}]->(b)
SET r.start = '2007-12', r.end = null, r.evidence = 'In December 2007, the Congressional Research Service lent credibility to these reports, as it listed Hezbollah and the Tamil Tigers as key destinations of North Korean military assistance.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Congressional Research Service, December 2007', r.confidence = 'reported';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'tamil-tigers'})
MERGE (a)-[r:ASSISTED {id: 'dprk-military-assistance-tamil-tigers'}]->(b)
SET r.start = '2007-12', r.end = null, r.evidence = 'In December 2007, the Congressional Research Service lent credibility to these reports, as it listed Hezbollah and the Tamil Tigers as key destinations of North Korean military assistance.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Congressional Research Service, December 2007', r.confidence = 'reported';
// P12 Hezbollah after 2008, Syria, tunnels
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:DELISTED {id: 'us-delisted-dprk-sst-2008-06'}]->(b)
SET r.start = '2008-06', r.end = null, r.evidence = 'Concerns about North Korea’s relationship with Hezbollah subsided after the US announced North Korea’s removal from the state sponsors of terrorism list in June 2008.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'us-state-sponsors-of-terrorism-list'})
MERGE (a)-[r:PUBLISHED {id: 'us-published-sst-list'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'Concerns about North Korea’s relationship with Hezbollah subsided after the US announced North Korea’s removal from the state sponsors of terrorism list in June 2008.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'uae'}), (b:Entity {id: 'anl-australia'})
MERGE (a)-[r:SEIZED {id: 'uae-seized-anl-australia-2009-07'}]->(b)
SET r.start = '2009-07', r.end = null, r.evidence = 'While Israel accused North Korea of supplying Hezbollah and Hamas after the United Arab Emirates (UAE)-detained ANL-Australia arms cache was discovered in July 2009, US officials insisted the supplies were only destined for Hamas.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'anl-australia'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:TRANSPORTED_FOR {id: 'anl-australia-carried-dprk-arms-2009-07'}]->(b)
SET r.start = '2009-07', r.end = null, r.evidence = 'While Israel accused North Korea of supplying Hezbollah and Hamas after the United Arab Emirates (UAE)-detained ANL-Australia arms cache was discovered in July 2009, US officials insisted the supplies were only destined for Hamas.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'reported';
MATCH (a:Entity {id: 'israel'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:ACCUSED {id: 'israel-accused-dprk-arming-hezbollah-hamas'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While Israel accused North Korea of supplying Hezbollah and Hamas after the United Arab Emirates (UAE)-detained ANL-Australia arms cache was discovered in July 2009, US officials insisted the supplies were only destined for Hamas.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'hezbollah'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-arms-hezbollah-anl-australia-2009-07'}]->(b)
SET r.start = '2009-07', r.end = null, r.evidence = 'While Israel accused North Korea of supplying Hezbollah and Hamas after the United Arab Emirates (UAE)-detained ANL-Australia arms cache was discovered in July 2009, US officials insisted the supplies were only destined for Hamas.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Israel (government accusation)', r.confidence = 'disputed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'hamas'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-arms-hamas-anl-australia-2009-07'}]->(b)
SET r.start = '2009-07', r.end = null, r.evidence = 'While Israel accused North Korea of supplying Hezbollah and Hamas after the United Arab Emirates (UAE)-detained ANL-Australia arms cache was discovered in July 2009, US officials insisted the supplies were only destined for Hamas.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Israel (government accusation), US officials', r.confidence = 'reported';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'anl-australia'})
MERGE (a)-[r:REPORTED_ON {id: 'us-officials-on-anl-australia-cache'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While Israel accused North Korea of supplying Hezbollah and Hamas after the United Arab Emirates (UAE)-detained ANL-Australia arms cache was discovered in July 2009, US officials insisted the supplies were only destined for Hamas.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'syria'}), (b:Entity {id: 'syrian-civil-war'})
MERGE (a)-[r:PARTICIPATED_IN {id: 'syria-civil-war-2011'}]->(b)
SET r.start = '2011', r.end = null, r.evidence = 'The outbreak of the Syrian civil war in 2011 revived these concerns in the US and Israel.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'us-intelligence-community'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:REPORTED_ON {id: 'us-intelligence-reported-dprk-engineers-syria'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'hama-missile-plant'})
MERGE (a)-[r:ASSISTED {id: 'dprk-engineers-hama-missile-plant'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence reports', r.confidence = 'reported';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'adra-missile-plant'})
MERGE (a)-[r:ASSISTED {id: 'dprk-engineers-adra-missile-plant'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence reports', r.confidence = 'reported';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'barzah-missile-plant'})
MERGE (a)-[r:ASSISTED {id: 'dprk-engineers-barzah-missile-plant'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence reports', r.confidence = 'reported';
MATCH (a:Entity {id: 'hama-missile-plant'}), (b:Entity {id: 'syria'})
MERGE (a)-[r:LOCATED_IN {id: 'hama-missile-plant-located-in-syria'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'adra-missile-plant'}), (b:Entity {id: 'syria'})
MERGE (a)-[r:LOCATED_IN {id: 'adra-missile-plant-located-in-syria'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'barzah-missile-plant'}), (b:Entity {id: 'syria'})
MERGE (a)-[r:LOCATED_IN {id: 'barzah-missile-plant-located-in-syria'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'hama-missile-plant'})
MERGE (a)-[r:STATIONED_AT {id: 'hezbollah-stationed-at-hama'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence reports', r.confidence = 'reported';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'adra-missile-plant'})
MERGE (a)-[r:STATIONED_AT {id: 'hezbollah-stationed-at-adra'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence reports', r.confidence = 'reported';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'barzah-missile-plant'})
MERGE (a)-[r:STATIONED_AT {id: 'hezbollah-stationed-at-barzah'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'According to US intelligence reports, North Korean engineers helped manage missile plants in Syrian bases, such as Hama, Adra and Barzah, which possessed large concentrations of Hezbollah fighters.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'US intelligence reports', r.confidence = 'reported';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:ASSISTED {id: 'dprk-helped-iran-build-land-of-tunnels'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'alleged';
MATCH (a:Entity {id: 'iran'}), (b:Entity {id: 'land-of-tunnels'})
MERGE (a)-[r:DEVELOPED {id: 'iran-built-land-of-tunnels'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'alleged';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'land-of-tunnels'})
MERGE (a)-[r:USED {id: 'hezbollah-uses-land-of-tunnels'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'land-of-tunnels'}), (b:Entity {id: 'lebanon'})
MERGE (a)-[r:LOCATED_IN {id: 'land-of-tunnels-located-in-lebanon'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'land-of-tunnels'}), (b:Entity {id: 'beirut'})
MERGE (a)-[r:LOCATED_IN {id: 'land-of-tunnels-located-in-beirut'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'land-of-tunnels'}), (b:Entity {id: 'southern-lebanon'})
MERGE (a)-[r:LOCATED_IN {id: 'land-of-tunnels-located-in-southern-lebanon'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'beirut'})
MERGE (a)-[r:LOCATED_IN {id: 'hezbollah-headquarters-in-beirut'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'hezbollah'}), (b:Entity {id: 'southern-lebanon'})
MERGE (a)-[r:STATIONED_AT {id: 'hezbollah-stationed-in-southern-lebanon'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'beirut'}), (b:Entity {id: 'lebanon'})
MERGE (a)-[r:LOCATED_IN {id: 'beirut-located-in-lebanon'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'southern-lebanon'}), (b:Entity {id: 'lebanon'})
MERGE (a)-[r:LOCATED_IN {id: 'southern-lebanon-located-in-lebanon'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea has also been accused of helping Iran construct Hezbollah’s “Land of Tunnels,” which stretch from its headquarters in Beirut to its defensive positions in southern Lebanon.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P13 Houthis
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:SUPPLIED {id: 'dprk-houthis-clandestine-arms-transfers'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'North Korea’s military cooperation with the Houthis is less extensive and likely confined to clandestine arms transfers.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'alleged';
MATCH (a:Entity {id: 'sbs'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:REPORTED_ON {id: 'sbs-reported-on-houthi-missiles-2015-08'}]->(b)
SET r.start = '2015-08', r.end = null, r.evidence = 'In August 2015, South Korean television network Seoul Broadcasting System (SBS) asserted that Houthi missiles used against Saudi Arabia in June closely resembled Scud-C or Hwasong-6 missiles used in past North Korean military parades.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'houthis'}), (b:Entity {id: 'saudi-arabia'})
MERGE (a)-[r:ATTACKED {id: 'houthis-attacked-saudi-arabia-2015-06'}]->(b)
SET r.start = '2015-06', r.end = null, r.evidence = 'In August 2015, South Korean television network Seoul Broadcasting System (SBS) asserted that Houthi missiles used against Saudi Arabia in June closely resembled Scud-C or Hwasong-6 missiles used in past North Korean military parades.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Seoul Broadcasting System (SBS), August 2015', r.confidence = 'reported';
MATCH (a:Entity {id: 'houthis'}), (b:Entity {id: 'houthi-missiles-2015'})
MERGE (a)-[r:USED {id: 'houthis-used-missiles-2015-06'}]->(b)
SET r.start = '2015-06', r.end = null, r.evidence = 'In August 2015, South Korean television network Seoul Broadcasting System (SBS) asserted that Houthi missiles used against Saudi Arabia in June closely resembled Scud-C or Hwasong-6 missiles used in past North Korean military parades.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Seoul Broadcasting System (SBS), August 2015', r.confidence = 'reported';
MATCH (a:Entity {id: 'houthi-missiles-2015'}), (b:Entity {id: 'scud-c'})
MERGE (a)-[r:RESEMBLES {id: 'houthi-missiles-resemble-scud-c'}]->(b)
SET r.start = '2015-08', r.end = null, r.evidence = 'In August 2015, South Korean television network Seoul Broadcasting System (SBS) asserted that Houthi missiles used against Saudi Arabia in June closely resembled Scud-C or Hwasong-6 missiles used in past North Korean military parades.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'Seoul Broadcasting System (SBS), August 2015', r.confidence = 'alleged';
MATCH (a:Entity {id: 'north-korea'}), (b:Entity {id: 'scud-c'})
MERGE (a)-[r:DEVELOPED {id: 'dprk-paraded-scud-c'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'In August 2015, South Korean television network Seoul Broadcasting System (SBS) asserted that Houthi missiles used against Saudi Arabia in June closely resembled Scud-C or Hwasong-6 missiles used in past North Korean military parades.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'un-report-2018-08'}), (b:Entity {id: 'komid'})
MERGE (a)-[r:REPORTED_ON {id: 'un-report-2018-08-reported-on-komid'}]->(b)
SET r.start = '2018-08', r.end = null, r.evidence = 'An August 2018 UN report revealed that KOMID was trying to supply conventional arms and ballistic missiles to the Houthis.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'un-report-2018-08'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:REPORTED_ON {id: 'un-report-2018-08-reported-on-houthis'}]->(b)
SET r.start = '2018-08', r.end = null, r.evidence = 'An August 2018 UN report revealed that KOMID was trying to supply conventional arms and ballistic missiles to the Houthis.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-nations'}), (b:Entity {id: 'un-report-2018-08'})
MERGE (a)-[r:PUBLISHED {id: 'un-published-report-2018-08'}]->(b)
SET r.start = '2018-08', r.end = null, r.evidence = 'An August 2018 UN report revealed that KOMID was trying to supply conventional arms and ballistic missiles to the Houthis.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'komid'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:SUPPLIED {id: 'komid-attempted-supply-houthis'}]->(b)
SET r.start = '2018-08', r.end = null, r.evidence = 'An August 2018 UN report revealed that KOMID was trying to supply conventional arms and ballistic missiles to the Houthis.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = 'UN report, August 2018', r.confidence = 'reported';
MATCH (a:Entity {id: 'hussein-al-ali'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:BROKERED_FOR {id: 'hussein-al-ali-broker-for-north-korea'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While the scale of North Korean arms transfers to the Houthis is unknown, Syrian arms dealer Hussein al-Ali served as an interlocutor between Pyongyang and the Houthis.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'hussein-al-ali'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:BROKERED_FOR {id: 'hussein-al-ali-broker-for-houthis'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'While the scale of North Korean arms transfers to the Houthis is unknown, Syrian arms dealer Hussein al-Ali served as an interlocutor between Pyongyang and the Houthis.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
// P14 conclusion
MATCH (a:Entity {id: 'ebrahim-raisi'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:LEADS {id: 'ebrahim-raisi-president-of-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'As Ebrahim Raisi’s ascension to the presidency emboldens hardliners within Iran’s foreign policy establishment and the JCPOA negotiations remain stalled, prospects for Iran-DPRK cooperation are bright.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'iran'})
MERGE (a)-[r:OPPOSES {id: 'us-isolates-iran'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'In the short term, however, concurrent US efforts to isolate Iran and North Korea will likely preserve the Pyongyang-Tehran partnership.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
MATCH (a:Entity {id: 'united-states'}), (b:Entity {id: 'north-korea'})
MERGE (a)-[r:OPPOSES {id: 'us-isolates-north-korea'}]->(b)
SET r.start = null, r.end = null, r.evidence = 'In the short term, however, concurrent US efforts to isolate Iran and North Korea will likely preserve the Pyongyang-Tehran partnership.', r.source = '38 North: The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?', r.citedSource = null, r.confidence = 'confirmed';
