import Testing
@testable import KatalogCore

/// Real-world-shaped GoogleSQL and what it reads and writes. The default project is
/// `dagpenger-prod-4e2b`; `dataset` is the default dataset where a case sets it.
struct SQLCase: CustomTestStringConvertible, Sendable {
    let name: String
    let sql: String
    var dataset: String? = nil
    var reads: [String] = []
    var writes: [String] = []
    var external: [String] = []  // "connection: table, table"

    var testDescription: String { name }
}

let P = "dagpenger-prod-4e2b"

let sqlCorpus: [SQLCase] = [
    SQLCase(name: "plain three-part", sql: "SELECT * FROM `dagpenger-prod-4e2b.rasone.tabell_1`", reads: ["\(P).rasone.tabell_1"]),
    SQLCase(name: "each part backticked", sql: "SELECT a FROM `dagpenger-prod-4e2b`.`rasone`.`tabell_1` t", reads: ["\(P).rasone.tabell_1"]),
    SQLCase(name: "project backticked only", sql: "SELECT a FROM `dagpenger-prod-4e2b`.rasone.tabell_1", reads: ["\(P).rasone.tabell_1"]),
    SQLCase(name: "unquoted dashed project", sql: "SELECT a FROM dagpenger-prod-4e2b.rasone.tabell_1", reads: ["\(P).rasone.tabell_1"]),
    SQLCase(name: "dataset.table resolves to the default project", sql: "SELECT 1 FROM rasone.tabell_2", reads: ["\(P).rasone.tabell_2"]),
    SQLCase(name: "bare table with a default dataset", sql: "SELECT 1 FROM tabell_n", dataset: "rasone", reads: ["\(P).rasone.tabell_n"]),
    SQLCase(name: "bare table without a default dataset stays unresolved", sql: "SELECT 1 FROM tabell_n", reads: ["tabell_n"]),
    SQLCase(name: "other project", sql: "SELECT 1 FROM `annet-prosjekt-01.felles.kodeverk`", reads: ["annet-prosjekt-01.felles.kodeverk"]),
    SQLCase(name: "alias with AS", sql: "SELECT s.x FROM `p-1234567.d.s` AS s", reads: ["p-1234567.d.s"]),
    SQLCase(name: "inner join", sql: "SELECT * FROM `p-1234567.d.a` a INNER JOIN `p-1234567.d.b` b ON a.id = b.id", reads: ["p-1234567.d.a", "p-1234567.d.b"]),
    SQLCase(name: "left outer join", sql: "SELECT * FROM d.a LEFT OUTER JOIN d.b USING (id)", reads: ["\(P).d.a", "\(P).d.b"]),
    SQLCase(name: "full and cross join", sql: "SELECT * FROM d.a FULL JOIN d.b ON TRUE CROSS JOIN d.c", reads: ["\(P).d.a", "\(P).d.b", "\(P).d.c"]),
    SQLCase(name: "right join lower case", sql: "select * from d.a right join d.b on a.k = b.k", reads: ["\(P).d.a", "\(P).d.b"]),
    SQLCase(name: "comma join", sql: "SELECT * FROM d.a, d.b WHERE a.id = b.id", reads: ["\(P).d.a", "\(P).d.b"]),
    SQLCase(name: "comma join with aliases", sql: "SELECT * FROM d.a x, d.b AS y, d.c", reads: ["\(P).d.a", "\(P).d.b", "\(P).d.c"]),
    SQLCase(name: "subquery", sql: "SELECT * FROM (SELECT id FROM d.inner_t WHERE x > 1) AS sub", reads: ["\(P).d.inner_t"]),
    SQLCase(name: "nested subqueries", sql: "SELECT * FROM (SELECT * FROM (SELECT * FROM d.deep) a) b JOIN d.other o ON TRUE", reads: ["\(P).d.deep", "\(P).d.other"]),
    SQLCase(name: "IN subquery", sql: "SELECT * FROM d.a WHERE id IN (SELECT id FROM d.b)", reads: ["\(P).d.a", "\(P).d.b"]),
    SQLCase(name: "EXISTS subquery", sql: "SELECT * FROM d.a WHERE EXISTS (SELECT 1 FROM d.b WHERE b.id = a.id)", reads: ["\(P).d.a", "\(P).d.b"]),
    SQLCase(name: "scalar subquery in select", sql: "SELECT (SELECT MAX(x) FROM d.m) AS mx FROM d.a", reads: ["\(P).d.m", "\(P).d.a"]),
    SQLCase(name: "CTE names are not tables", sql: "WITH s AS (SELECT * FROM d.src) SELECT * FROM s", reads: ["\(P).d.src"]),
    SQLCase(name: "several CTEs", sql: "WITH a AS (SELECT * FROM d.x), b AS (SELECT * FROM a JOIN d.y USING (k)) SELECT * FROM b", reads: ["\(P).d.x", "\(P).d.y"]),
    SQLCase(name: "recursive CTE", sql: "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r", reads: []),
    SQLCase(name: "UNNEST is not a table", sql: "SELECT v FROM UNNEST([1, 2, 3]) AS v", reads: []),
    SQLCase(name: "correlated UNNEST", sql: "SELECT t.id, i FROM d.t, UNNEST(t.items) AS i", reads: ["\(P).d.t"]),
    SQLCase(name: "implicit unnest of an array path", sql: "SELECT t.id, i FROM d.t AS t, t.items AS i", reads: ["\(P).d.t"]),
    SQLCase(name: "cross join unnest", sql: "SELECT * FROM d.t CROSS JOIN UNNEST(t.tags) tag", reads: ["\(P).d.t"]),
    SQLCase(name: "wildcard table", sql: "SELECT * FROM `p-1234567.analytics.events_*` WHERE _TABLE_SUFFIX BETWEEN '20260101' AND '20260131'", reads: ["p-1234567.analytics.events_*"]),
    SQLCase(name: "wildcard with dataset only", sql: "SELECT COUNT(*) FROM `logs.requests_2026*`", reads: ["\(P).logs.requests_2026*"]),
    SQLCase(name: "INFORMATION_SCHEMA dataset-qualified", sql: "SELECT table_name FROM `dagpenger-prod-4e2b.rasone.INFORMATION_SCHEMA.TABLES`", reads: ["dagpenger-prod-4e2b.rasone.INFORMATION_SCHEMA.TABLES"]),
    SQLCase(name: "INFORMATION_SCHEMA region-qualified", sql: "SELECT * FROM `region-eu`.INFORMATION_SCHEMA.JOBS WHERE creation_time > '2026-01-01'", reads: ["region-eu.INFORMATION_SCHEMA.JOBS"]),
    SQLCase(name: "time travel", sql: "SELECT * FROM d.t FOR SYSTEM_TIME AS OF TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR) WHERE x = 1", reads: ["\(P).d.t"]),
    SQLCase(name: "time travel then join", sql: "SELECT * FROM d.t FOR SYSTEM_TIME AS OF '2026-01-01' AS old JOIN d.u ON TRUE", reads: ["\(P).d.t", "\(P).d.u"]),
    SQLCase(name: "line comment", sql: "SELECT * FROM d.real -- FROM d.commented\n", reads: ["\(P).d.real"]),
    SQLCase(name: "hash comment", sql: "# FROM d.not_this\nSELECT * FROM d.this_one", reads: ["\(P).d.this_one"]),
    SQLCase(name: "block comment", sql: "SELECT * /* JOIN d.hidden ON TRUE */ FROM d.visible", reads: ["\(P).d.visible"]),
    SQLCase(name: "table name in a string", sql: "SELECT 'FROM d.fake' AS s, \"JOIN d.fake2\" FROM d.real", reads: ["\(P).d.real"]),
    SQLCase(name: "triple-quoted string", sql: "SELECT '''\nFROM d.multi\n''' FROM d.real", reads: ["\(P).d.real"]),
    SQLCase(name: "raw string", sql: #"SELECT REGEXP_EXTRACT(x, r'FROM\s+(d\.t)') FROM d.real"#, reads: ["\(P).d.real"]),
    SQLCase(name: "bytes literal", sql: "SELECT b'FROM d.bytes' FROM d.real", reads: ["\(P).d.real"]),
    SQLCase(name: "escaped quote in string", sql: #"SELECT 'it\'s FROM d.no' FROM d.real"#, reads: ["\(P).d.real"]),
    SQLCase(name: "union all", sql: "SELECT id FROM d.a UNION ALL SELECT id FROM d.b", reads: ["\(P).d.a", "\(P).d.b"]),
    SQLCase(name: "except distinct", sql: "SELECT id FROM d.a EXCEPT DISTINCT SELECT id FROM d.b", reads: ["\(P).d.a", "\(P).d.b"]),
    SQLCase(name: "same table twice is one reference", sql: "SELECT * FROM d.a x JOIN d.a y ON x.p = y.id", reads: ["\(P).d.a"]),
    SQLCase(name: "window and qualify", sql: "SELECT * FROM d.t QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts DESC) = 1", reads: ["\(P).d.t"]),
    SQLCase(name: "pivot", sql: "SELECT * FROM d.sales PIVOT (SUM(amount) FOR quarter IN ('Q1', 'Q2'))", reads: ["\(P).d.sales"]),
    SQLCase(name: "table function with TABLE argument", sql: "SELECT * FROM ML.PREDICT(MODEL `d.model`, TABLE d.features)", reads: ["\(P).d.features"]),
    SQLCase(name: "EXTERNAL_QUERY", sql: #"SELECT * FROM EXTERNAL_QUERY("europe-north1.dp-vedtak-pg", "SELECT vedtak_id FROM public.tabell_2")"#,
            external: ["europe-north1.dp-vedtak-pg: public.tabell_2"]),
    SQLCase(name: "EXTERNAL_QUERY with triple quotes and a join", sql: #"SELECT * FROM EXTERNAL_QUERY("eu.pg", """SELECT * FROM public.a JOIN public.b ON a.id = b.id""") e JOIN d.local l ON e.id = l.id"#,
            reads: ["\(P).d.local"], external: ["eu.pg: public.a, public.b"]),
    SQLCase(name: "EXTERNAL_QUERY unqualified inner table", sql: #"SELECT * FROM EXTERNAL_QUERY('us.conn', 'SELECT * FROM orders')"#, external: ["us.conn: orders"]),
    SQLCase(name: "INSERT INTO SELECT", sql: "INSERT INTO d.target (a, b) SELECT a, b FROM d.source", reads: ["\(P).d.source"], writes: ["\(P).d.target"]),
    SQLCase(name: "INSERT without INTO", sql: "INSERT d.target SELECT * FROM d.source", reads: ["\(P).d.source"], writes: ["\(P).d.target"]),
    SQLCase(name: "INSERT VALUES", sql: "INSERT INTO `p-1234567.d.t` (x) VALUES (1), (2)", writes: ["p-1234567.d.t"]),
    SQLCase(name: "MERGE", sql: "MERGE d.target T USING d.staging S ON T.id = S.id WHEN MATCHED THEN UPDATE SET v = S.v WHEN NOT MATCHED THEN INSERT ROW",
            reads: ["\(P).d.staging"], writes: ["\(P).d.target"]),
    SQLCase(name: "MERGE INTO with a subquery source", sql: "MERGE INTO d.target USING (SELECT * FROM d.src WHERE ok) s ON FALSE WHEN NOT MATCHED THEN INSERT ROW",
            reads: ["\(P).d.src"], writes: ["\(P).d.target"]),
    SQLCase(name: "UPDATE with FROM", sql: "UPDATE d.t SET x = s.x FROM d.s WHERE t.id = s.id", reads: ["\(P).d.s"], writes: ["\(P).d.t"]),
    SQLCase(name: "DELETE", sql: "DELETE FROM d.t WHERE id IN (SELECT id FROM d.gone)", reads: ["\(P).d.gone"], writes: ["\(P).d.t"]),
    SQLCase(name: "DELETE without FROM", sql: "DELETE d.t WHERE TRUE", writes: ["\(P).d.t"]),
    SQLCase(name: "CREATE TABLE AS", sql: "CREATE TABLE d.new AS SELECT * FROM d.old", reads: ["\(P).d.old"], writes: ["\(P).d.new"]),
    SQLCase(name: "CREATE OR REPLACE TABLE with options", sql: "CREATE OR REPLACE TABLE `p-1234567.d.t` PARTITION BY DATE(ts) OPTIONS (description = 'FROM d.no') AS SELECT * FROM d.src",
            reads: ["\(P).d.src"], writes: ["p-1234567.d.t"]),
    SQLCase(name: "CREATE TABLE IF NOT EXISTS", sql: "CREATE TABLE IF NOT EXISTS d.t (id INT64, name STRING)", writes: ["\(P).d.t"]),
    SQLCase(name: "CREATE TEMP TABLE", sql: "CREATE TEMP TABLE scratch AS SELECT * FROM d.src", reads: ["\(P).d.src"], writes: ["scratch"]),
    SQLCase(name: "CREATE OR REPLACE VIEW", sql: "CREATE OR REPLACE VIEW `dagpenger-prod-4e2b.behandling.v` AS SELECT * FROM `dagpenger-prod-4e2b.rasone.tabell_1`",
            reads: ["\(P).rasone.tabell_1"], writes: ["\(P).behandling.v"]),
    SQLCase(name: "CREATE MATERIALIZED VIEW", sql: "CREATE MATERIALIZED VIEW d.mv AS SELECT k, COUNT(*) c FROM d.base GROUP BY k",
            reads: ["\(P).d.base"], writes: ["\(P).d.mv"]),
    SQLCase(name: "TRUNCATE TABLE", sql: "TRUNCATE TABLE d.t", writes: ["\(P).d.t"]),
    SQLCase(name: "script with two statements", sql: "INSERT INTO d.log SELECT * FROM d.a;\nSELECT * FROM d.b;", reads: ["\(P).d.a", "\(P).d.b"], writes: ["\(P).d.log"]),
    SQLCase(name: "unicode table names", sql: "SELECT * FROM `dagpenger-prod-4e2b.rasone.stønadshistorikk` JOIN behandling.søknader_beriket USING (fødselsnummer)",
            reads: ["\(P).rasone.stønadshistorikk", "\(P).behandling.søknader_beriket"]),
    SQLCase(name: "the demo view", sql: """
        -- Søknader med vedtaksutfall.
        SELECT s.søknad_id, v.utfall, ARRAY_LENGTH(s.vedlegg) AS antall_vedlegg
        FROM `dagpenger-prod-4e2b.rasone.tabell_1` AS s
        LEFT JOIN `dagpenger-prod-4e2b.rasone.tabell_2` AS v
          ON v.søknad_id = s.søknad_id
        """, reads: ["\(P).rasone.tabell_1", "\(P).rasone.tabell_2"]),
    SQLCase(name: "the demo view with a correlated subquery over UNNEST", sql: """
        SELECT meldekort_id, (SELECT SUM(d.arbeidstimer) FROM UNNEST(dager) AS d) AS arbeidstimer
        FROM `dagpenger-prod-4e2b`.`rasone`.`tabell_n`
        WHERE status != 'FEILET'
        """, reads: ["\(P).rasone.tabell_n"]),
    SQLCase(name: "EXTRACT … FROM is not a table", sql: "SELECT EXTRACT(YEAR FROM ts) AS y, EXTRACT(WEEK(MONDAY) FROM d) FROM d.t",
            reads: ["\(P).d.t"]),
    SQLCase(name: "struct field access is not a table", sql: "SELECT s.person.navn.fornavn FROM d.t AS s", reads: ["\(P).d.t"]),
]

@Suite("GoogleSQL table references")
struct SQLReferenceCorpusTests {
    @Test func theCorpusHasSixtyCases() {
        #expect(sqlCorpus.count >= 60)
    }

    @Test(arguments: sqlCorpus)
    func references(_ sample: SQLCase) throws {
        let found = SQLReferences.extract(from: sample.sql, defaultProject: try ProjectID(P), defaultDataset: sample.dataset.map { try! DatasetID($0) })
        #expect(found.reads.map(\.description) == sample.reads, "reads")
        #expect(found.writes.map(\.description) == sample.writes, "writes")
        #expect(found.externalQueries.map { "\($0.connection): \($0.tables.joined(separator: ", "))" } == sample.external, "external")
    }

    @Test func wildcardsAndInformationSchemaAreMarked() {
        let wildcard = SQLReferences.extract(from: "SELECT * FROM `p-1234567.a.events_*`").reads[0]
        #expect(wildcard.isWildcard && wildcard.resolved != nil)
        let schema = SQLReferences.extract(from: "SELECT * FROM d.INFORMATION_SCHEMA.COLUMNS").reads[0]
        #expect(schema.isInformationSchema && schema.resolved == nil)
    }

    /// Property: whatever a comment or a string literal says, the references stay the same.
    @Test(arguments: sqlCorpus.filter { !$0.sql.contains(";") })
    func commentsAndStringsNeverAddReferences(_ sample: SQLCase) throws {
        let project = try ProjectID(P)
        let dataset = sample.dataset.map { try! DatasetID($0) }
        let baseline = SQLReferences.extract(from: sample.sql, defaultProject: project, defaultDataset: dataset)
        let noise = [
            "-- FROM `x-noise-1.d.t1` JOIN d.t2\n", "/* INSERT INTO d.t3 SELECT * FROM d.t4 */", "# MERGE d.t5 USING d.t6\n",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            var sql = sample.sql
            // Comments in front, and a literal appended to the select list where there is one.
            sql = noise.randomElement(using: &generator)! + sql
            if let select = sql.range(of: "SELECT ", options: .caseInsensitive) {
                let literal = ["'FROM d.s1'", "\"JOIN d.s2\"", "'''CREATE TABLE d.s3 AS SELECT 1'''", "r'FROM d.s4'", "b'INTO d.s5'"].randomElement(using: &generator)!
                sql.replaceSubrange(select, with: "SELECT \(literal) AS noise, ")
            }
            let noisy = SQLReferences.extract(from: sql, defaultProject: project, defaultDataset: dataset)
            #expect(noisy.reads == baseline.reads, "\(sql)")
            #expect(noisy.writes == baseline.writes, "\(sql)")
        }
    }
}
