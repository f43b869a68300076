// Exported by explorer. Load into a database with: explorer seed --file THIS_FILE
// Statements are idempotent (MERGE by id); entities come first.

UNWIND [
  {id: 'odd', name: 'Back\\slash \'quote\' // not a comment; /* nor this */', aliases: [], description: 'Ünïcödé – 北朝鮮\nsecond line\ttab', country: null}
] AS row
MERGE (e:Entity {id: row.id})
SET e:Person, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country;

UNWIND [
  {id: 'komid', name: 'Korea Mining Development Trading Corporation', aliases: ['KOMID', 'Changgwang Sinyong'], description: 'Arms dealer; "primary" <exporter> & broker', country: 'KP'},
  {id: 'shig', name: 'Shahid Hemmat Industrial Group', aliases: ['SHIG'], description: null, country: 'IR'},
  {id: 'unsc', name: 'United Nations Security Council', aliases: [], description: null, country: null}
] AS row
MERGE (e:Entity {id: row.id})
SET e:Organization, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country;

UNWIND [
  {id: 'north-korea', name: 'Democratic People\'s Republic of Korea', aliases: ['DPRK'], description: null, country: 'KP'}
] AS row
MERGE (e:Entity {id: row.id})
SET e:State, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country;

UNWIND [
  {id: 'hwasong-5', name: 'Hwasong-5', aliases: [], description: null, country: null}
] AS row
MERGE (e:Entity {id: row.id})
SET e:Weapon, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country;

UNWIND [
  {id: 'komid-shig', from: 'komid', to: 'shig', start: '2016-01', end: null, evidence: 'SHIG’s relationship with KOMID', source: '38 North', sourceUrl: 'https://www.38north.org/?a=1&b=2', citedSource: null, confidence: 'reported'}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:COOPERATED_WITH {id: row.id}]->(b)
SET r.start = row.start, r.end = row.end, r.evidence = row.evidence, r.source = row.source, r.sourceUrl = row.sourceUrl, r.citedSource = row.citedSource, r.confidence = row.confidence;

UNWIND [
  {id: 'dprk-hwasong', from: 'north-korea', to: 'hwasong-5', start: '1984', end: '1987-06', evidence: 'It\'s "reverse-engineered" <Scud-B>', source: '38 North', sourceUrl: null, citedSource: null, confidence: 'alleged'}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:DEVELOPED {id: row.id}]->(b)
SET r.start = row.start, r.end = row.end, r.evidence = row.evidence, r.source = row.source, r.sourceUrl = row.sourceUrl, r.citedSource = row.citedSource, r.confidence = row.confidence;

UNWIND [
  {id: 'odd-komid', from: 'odd', to: 'komid', start: null, end: null, evidence: 'line one\nline two; \'\\\'', source: 'src', sourceUrl: null, citedSource: null, confidence: 'disputed'}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:LEADS {id: row.id}]->(b)
SET r.start = row.start, r.end = row.end, r.evidence = row.evidence, r.source = row.source, r.sourceUrl = row.sourceUrl, r.citedSource = row.citedSource, r.confidence = row.confidence;

UNWIND [
  {id: 'unsc-komid', from: 'unsc', to: 'komid', start: '2009-04-24', end: null, evidence: 'designated', source: '38 North', sourceUrl: null, citedSource: 'UN 1718 Committee', confidence: 'confirmed'}
] AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:SANCTIONED {id: row.id}]->(b)
SET r.start = row.start, r.end = row.end, r.evidence = row.evidence, r.source = row.source, r.sourceUrl = row.sourceUrl, r.citedSource = row.citedSource, r.confidence = row.confidence;
