// Exported by explorer. Load into a database with: explorer seed --file THIS_FILE
// Statements are idempotent (MERGE by id); entities come first.

UNWIND [
  {id: 'odd', name: 'Back\\slash \'quote\' // not a comment; /* nor this */', aliases: [], description: 'Ünïcödé – 北朝鮮\nsecond line\ttab', country: null, identifiers: []}
] AS row
MERGE (e:Entity {id: row.id})
SET e:Person, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country, e.identifiers = row.identifiers;

UNWIND [
  {id: 'komid', name: 'Korea Mining Development Trading Corporation', aliases: ['KOMID', 'Changgwang Sinyong'], description: 'Arms dealer; "primary" <exporter> & broker', country: 'KP', identifiers: ['lei:5493001KJTIIGC8Y1R12', 'registration:KP12345']},
  {id: 'shig', name: 'Shahid Hemmat Industrial Group', aliases: ['SHIG'], description: null, country: 'IR', identifiers: []},
  {id: 'unsc', name: 'United Nations Security Council', aliases: [], description: null, country: null, identifiers: []}
] AS row
MERGE (e:Entity {id: row.id})
SET e:Organization, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country, e.identifiers = row.identifiers;

UNWIND [
  {id: 'north-korea', name: 'Democratic People\'s Republic of Korea', aliases: ['DPRK'], description: null, country: 'KP', identifiers: []}
] AS row
MERGE (e:Entity {id: row.id})
SET e:State, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country, e.identifiers = row.identifiers;

UNWIND [
  {id: 'hwasong-5', name: 'Hwasong-5', aliases: [], description: null, country: null, identifiers: []}
] AS row
MERGE (e:Entity {id: row.id})
SET e:Weapon, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country, e.identifiers = row.identifiers;

UNWIND [
  {id: 'komid-shig-parts', from: 'komid', to: 'shig', props: {confidence: 'assessed', evidence: 'trying to supply', id: 'komid-shig-parts', item: 'missile parts; "Hwasong"', itemIds: ['hwasong-5'], ongoing: true, source: '38 North', spanFrom: '1980-01-01', start: '198X', status: 'attempted'}}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:SUPPLIED {id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {id: 'komid-shig', from: 'komid', to: 'shig', props: {citedSource: 'UN Panel of Experts report', citedSourceId: 'un-poe-2011', confidence: 'reported', evidence: 'SHIG’s relationship with KOMID', id: 'komid-shig', paragraph: 2, source: '38 North', sourceId: '38north-dprk-iran', sourceUrl: 'https://www.38north.org/?a=1&b=2', spanFrom: '2016-01-01', start: '2016-01'}}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:COOPERATED_WITH {id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {id: 'dprk-hwasong', from: 'north-korea', to: 'hwasong-5', props: {confidence: 'alleged', end: '1987-06', evidence: 'It\'s "reverse-engineered" <Scud-B>', id: 'dprk-hwasong', source: '38 North', spanFrom: '1984-01-01', spanTo: '1987-06-30', start: '1984'}}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:DEVELOPED {id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {id: 'odd-komid', from: 'odd', to: 'komid', props: {attested: '1990-11', confidence: 'disputed', evidence: 'line one\nline two; \'\\\'', id: 'odd-komid', source: 'src', spanFrom: '1990-11-01', spanTo: '1990-11-30'}},
  {id: 'shig-komid-lead', from: 'shig', to: 'komid', props: {confidence: 'confirmed', evidence: 'formerly', id: 'shig-komid-lead', ongoing: false, source: 'src', spanFrom: '2013-01-01', spanTo: '2013-12-31', start: '2013'}}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:LEADS {id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {id: 'unsc-komid', from: 'unsc', to: 'komid', props: {citedSource: 'UN 1718 Committee', confidence: 'confirmed', evidence: 'designated', id: 'unsc-komid', source: '38 North', spanFrom: '2009-04-24', start: '2009-04-24'}}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:SANCTIONED {id: row.id}]->(b)
SET r = row.props;
