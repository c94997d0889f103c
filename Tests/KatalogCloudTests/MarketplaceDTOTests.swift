import Foundation
import Testing
@testable import KatalogCloud

/// The marketplace's JSON as its Go code really writes it (contracts/MARKETPLACE-API.md, last
/// section): capitalised keys, `null` lists, zero-valued objects, `piiTags` as a string.
@Suite("The marketplace's JSON")
struct MarketplaceDTOTests {
    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try MarketplaceJSON.decoder.decode(T.self, from: Data(json.utf8))
    }

    func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try MarketplaceJSON.encoder.encode(value)
        return try #require(JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any])
    }

    static let datasetWithAccess = """
    {"id":"4f1c2a5e-9b1d-4c3e-8f00-1a2b3c4d5e6f","dataproductID":"0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d",
     "name":"Vedtak","created":"2026-03-01T10:11:12.123456Z","lastModified":"2026-03-02T10:11:12Z",
     "description":"","slug":"vedtak","repo":null,"pii":"sensitive","keywords":null,
     "anonymisationDescription":null,"targetUser":"","mappings":[],"somethingNew":{"x":1},
     "access":[{"subject":"user:kari@nav.no",
       "active":[{"id":"7d6c5b4a-3928-4716-a5b4-c3d2e1f0a9b8","subject":"user:kari@nav.no","owner":"kari@nav.no",
         "granter":"ola@nav.no","expires":null,"created":"2026-04-01T08:00:00.5Z","revoked":null,
         "datasetID":"4f1c2a5e-9b1d-4c3e-8f00-1a2b3c4d5e6f",
         "accessRequest":{"id":"00000000-0000-0000-0000-000000000000","datasetID":"00000000-0000-0000-0000-000000000000",
           "subject":"","subjectType":"","created":"0001-01-01T00:00:00Z","status":"","closed":null,"expires":null,
           "granter":null,"owner":"","polly":null,"reason":null,"platform":""},
         "platform":"bigquery"}],
       "revoked":null}],
     "datasource":{"ID":"aa11bb22-cc33-4d44-8e55-ff6677889900","DatasetID":"4f1c2a5e-9b1d-4c3e-8f00-1a2b3c4d5e6f",
       "projectID":"team-x-prod-1a2b","dataset":"utsiden","table":"vedtak_v1","tableType":"VIEW",
       "lastModified":"2026-03-02T10:11:12Z","created":"2026-03-01T10:11:12Z","description":"","expired":null,
       "piiTags":"{\\"fnr\\": \\"PII_DirekteIdentifiserende\\", \\"diagnose\\": \\"PII_SærligKategori\\"}",
       "missingSince":null,"pseudoColumns":null,"schema":[{"name":"fnr","type":"STRING","mode":"NULLABLE","description":""}]},
     "metabaseDataset":null}
    """

    @Test("A datasett reads with capitalised keys, null lists and piiTags as a map")
    func datasetWithAccess() throws {
        let dataset = try decode(DatasetWithAccessDTO.self, Self.datasetWithAccess)
        #expect(dataset.name == "Vedtak")
        #expect(dataset.keywords.isEmpty)
        #expect(dataset.repo == nil)
        #expect(dataset.datasource.id == UUID(uuidString: "aa11bb22-cc33-4d44-8e55-ff6677889900"))
        #expect(dataset.datasource.datasetID == dataset.id)
        #expect(dataset.datasource.tableType == "VIEW")
        #expect(dataset.datasource.piiTags == ["fnr": "PII_DirekteIdentifiserende", "diagnose": "PII_SærligKategori"])
        #expect(dataset.datasource.pseudoColumns.isEmpty)
        let subject = try #require(dataset.access.first)
        #expect(subject.revoked.isEmpty)
        let grant = try #require(subject.active.first)
        #expect(grant.expires == nil, "null expires is forever")
        #expect(grant.accessRequestID == nil, "a zero-valued accessRequest is a direct grant")
        #expect(abs(grant.created.timeIntervalSince1970 - 1_775_030_400.5) < 0.001, "fractions of a second are read")
    }

    @Test("piiTags of \"{}\", absent or unparsable read as no tags")
    func emptyPIITags() throws {
        for tags in [#""piiTags":"{}","#, "", #""piiTags":"not json","#] {
            let json = """
            {"ID":"aa11bb22-cc33-4d44-8e55-ff6677889900","DatasetID":"4f1c2a5e-9b1d-4c3e-8f00-1a2b3c4d5e6f",\(tags)
             "projectID":"p","dataset":"d","table":"t","tableType":"TABLE"}
            """
            #expect(try decode(DatasourceDTO.self, json).piiTags.isEmpty, "\(tags)")
        }
    }

    @Test("An access made from a request keeps the request's id")
    func accessFromRequest() throws {
        let json = """
        {"id":"7d6c5b4a-3928-4716-a5b4-c3d2e1f0a9b8","subject":"group:team-y@nav.no","owner":"team-y@nav.no","granter":"ola@nav.no",
         "expires":"2027-01-31T23:00:00Z","created":"2026-04-01T08:00:00Z","revoked":"2026-05-01T08:00:00Z",
         "datasetID":"4f1c2a5e-9b1d-4c3e-8f00-1a2b3c4d5e6f",
         "accessRequest":{"id":"11111111-2222-4333-8444-555555555555","created":"2026-03-30T08:00:00Z"},"platform":"bigquery"}
        """
        let access = try decode(AccessDTO.self, json)
        #expect(access.accessRequestID == UUID(uuidString: "11111111-2222-4333-8444-555555555555"))
        #expect(access.expires != nil && access.revoked != nil)
    }

    @Test("A request's zero-valued polly reads as none; a real one is kept; an empty granter is none")
    func accessRequestPolly() throws {
        func request(polly: String) -> String {
            """
            {"id":"11111111-2222-4333-8444-555555555555","datasetID":"4f1c2a5e-9b1d-4c3e-8f00-1a2b3c4d5e6f",
             "subject":"kari@nav.no","subjectType":"user","created":"2026-03-30T08:00:00.999Z","status":"pending",
             "closed":null,"expires":null,"granter":"","owner":"kari@nav.no","polly":\(polly),"reason":null,"platform":"bigquery"}
            """
        }
        let zero = try decode(AccessRequestDTO.self, request(polly: #"{"id":null,"externalID":"","name":"","url":""}"#))
        #expect(zero.polly == nil)
        #expect(zero.granter == nil)
        #expect(try decode(AccessRequestDTO.self, request(polly: "null")).polly == nil)
        let real = try decode(AccessRequestDTO.self, request(polly: #"{"id":"22222222-3333-4444-8555-666666666666","externalID":"b123","name":"B123 - Statistikk","url":"https://behandlingskatalog.example/b123"}"#))
        #expect(real.polly?.name == "B123 - Statistikk")
    }

    @Test("A dataprodukt's \"\" description reads as none and null lists as empty")
    func dataproduct() throws {
        let json = """
        {"id":"0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d","name":"Vedtak","created":"2026-03-01T10:11:12Z",
         "lastModified":"2026-03-01T10:11:12Z","description":"","slug":"vedtak",
         "owner":{"group":"team-x@nav.no","teamkatalogenURL":"","teamContact":"","teamID":null,"productAreaID":null},
         "keywords":null,"teamName":"Team X","productAreaName":"","datasets":null}
        """
        let product = try decode(DataproductDTO.self, json)
        #expect(product.description == nil)
        #expect(product.keywords.isEmpty && product.datasets.isEmpty)
        #expect(product.owner.group == "team-x@nav.no")
    }

    @Test("A time that is not RFC 3339 is refused, not read as some other time")
    func badTime() {
        let json = """
        {"id":"0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d","name":"V","created":"yesterday","lastModified":"2026-03-01T10:11:12Z",
         "slug":"v","owner":{"group":"team-x@nav.no"}}
        """
        #expect(throws: DecodingError.self) { try decode(DataproductDTO.self, json) }
    }

    @Test("A datasett update sends every field, nulls included, piiTags as a JSON string and the current slug")
    func updateBody() throws {
        let product = try #require(UUID(uuidString: "0B9A8C7D-6E5F-4A3B-9C2D-1E0F9A8B7C6D"))
        let body = UpdateDatasetBody(name: "Vedtak", description: nil, slug: "vedtak", repo: nil, pii: "none", keywords: [],
                                     dataproductID: product, anonymisationDescription: nil, piiTags: [:], targetUser: "", pseudoColumns: [])
        let sent = try object(body)
        #expect(Set(sent.keys) == ["name", "description", "slug", "repo", "pii", "keywords", "dataproductID",
                                   "anonymisationDescription", "piiTags", "targetUser", "pseudoColumns"])
        #expect(sent["description"] is NSNull && sent["repo"] is NSNull && sent["anonymisationDescription"] is NSNull)
        #expect(sent["piiTags"] as? String == "{}")
        #expect(sent["slug"] as? String == "vedtak")
        #expect(sent["dataproductID"] as? String == "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d")

        let tagged = UpdateDatasetBody(name: "Vedtak", description: "d", slug: "vedtak", repo: nil, pii: "sensitive", keywords: ["vedtak"],
                                       dataproductID: product, anonymisationDescription: nil,
                                       piiTags: ["fnr": "PII_DirekteIdentifiserende", "a/b": "PII_SærligKategori"],
                                       targetUser: "", pseudoColumns: [])
        let text = try #require(try object(tagged)["piiTags"] as? String)
        let parsed = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(parsed == tagged.piiTags)
    }

    @Test("A grant sends the bare e-mail trimmed and lower-cased, its type apart, and null for forever")
    func grantBody() throws {
        let dataset = try #require(UUID(uuidString: "4F1C2A5E-9B1D-4C3E-8F00-1A2B3C4D5E6F"))
        let sent = try object(GrantAccessBody(datasetID: dataset, expires: nil, subject: "  Kari.Nordmann@NAV.no\n",
                                              owner: " Kari.Nordmann@nav.no", subjectType: "user"))
        #expect(sent["subject"] as? String == "kari.nordmann@nav.no")
        #expect(sent["owner"] as? String == "kari.nordmann@nav.no")
        #expect(sent["subjectType"] as? String == "user")
        #expect(sent["expires"] is NSNull)
        #expect(sent["datasetID"] as? String == "4f1c2a5e-9b1d-4c3e-8f00-1a2b3c4d5e6f")

        let until = try Date("2027-01-31T23:00:00Z", strategy: .iso8601)
        let dated = try object(GrantAccessBody(datasetID: dataset, expires: until, subject: "g@nav.no", owner: "g@nav.no", subjectType: "group"))
        #expect(dated["expires"] as? String == "2027-01-31T23:00:00Z")
    }
}
