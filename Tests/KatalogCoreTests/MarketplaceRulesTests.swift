import Foundation
import Testing
@testable import KatalogCore

/// Every rule from contracts/MARKETPLACE-API.md "Rules the server enforces".
@Suite("Marketplace rules")
struct MarketplaceRulesTests {
    let project = try! ProjectID("dagpenger-prod-4e2b")
    let now = try! Date("2026-11-25T12:00:00Z", strategy: .iso8601)
    var member: UserContext {
        UserContext(name: "Ola", email: "ola@nav.no", groups: ["teamdagpenger@nav.no"], teamProjects: [.init(project: project, group: "teamdagpenger@nav.no")])
    }
    var outsider: UserContext {
        UserContext(name: "Kari", email: "kari@nav.no", groups: ["team-annet@nav.no"], teamProjects: [])
    }
    var product: Dataprodukt {
        Dataprodukt(id: UUID(), name: "Dagpengevedtak", description: nil, slug: "dagpengevedtak", owner: Owner(group: "teamdagpenger@nav.no"),
                    created: now, lastModified: now)
    }
    var tableRef: TableRef { TableRef(DatasetRef(project: project, dataset: try! DatasetID("dataprodukter")), try! TableID("vedtak")) }
    var table: TableInfo {
        TableInfo(ref: tableRef, kind: .table, schema: [SchemaField("fødselsnummer", "STRING"), SchemaField("person", "RECORD", fields: [SchemaField("navn", "STRING")])])
    }

    func datasett(_ pii: PIILevel) -> Datasett {
        Datasett(id: UUID(), dataproduktID: product.id, name: "Vedtak", description: nil, slug: "vedtak", repo: nil, pii: pii, keywords: [],
                 anonymisationDescription: nil, targetUser: "", source: BigQuerySource(table: tableRef, tableKind: .table), created: now, lastModified: now)
    }

    func codes(_ problems: [Problem]) -> [String] { problems.map(\.code) }

    // MARK: Sensitive data is never opened to all of NAV

    @Test func sensitiveDatasettRefusesAllUsersGrant() {
        let request = GrantRequest(datasettID: UUID(), subject: .allUsers, expires: nil)
        #expect(codes(MarketplaceRules.check(request, on: datasett(.sensitive), in: product, by: member, now: now)) == ["opening_dataset_with_pii_tags"])
        #expect(MarketplaceRules.check(request, on: datasett(.none), in: product, by: member, now: now).isEmpty)
        #expect(MarketplaceRules.check(request, on: datasett(.anonymised), in: product, by: member, now: now).isEmpty)
    }

    @Test func sensitiveDatasettRefusesGrantAllUsersAtRegistration() {
        var new = NewDatasett(dataproduktID: product.id, name: "Vedtak", pii: .sensitive, table: tableRef, grantAllUsers: true)
        #expect(codes(MarketplaceRules.check(new, in: product, table: table, by: member)) == ["opening_dataset_with_pii_tags"])
        new.pii = .none
        #expect(MarketplaceRules.check(new, in: product, table: table, by: member).isEmpty)
    }

    @Test func sensitiveDatasettRefusesAllUsersRequest() {
        let request = NewAccessRequest(datasettID: UUID(), subject: .allUsers, expires: nil, polly: nil)
        #expect(codes(MarketplaceRules.check(request, on: datasett(.sensitive), now: now)) == ["opening_dataset_with_pii_tags"])
    }

    // MARK: Anonymised needs its method described

    @Test(arguments: [nil, "", "   \n"])
    func anonymisedWithoutDescriptionIsRefused(_ description: String?) {
        let new = NewDatasett(dataproduktID: product.id, name: "Vedtak", pii: .anonymised, table: tableRef, anonymisationDescription: description)
        #expect(codes(MarketplaceRules.check(new, in: product, table: table, by: member)) == ["anonymisation_description"])
    }

    @Test func anonymisedWithDescriptionIsAccepted() {
        let new = NewDatasett(dataproduktID: product.id, name: "Vedtak", pii: .anonymised, table: tableRef, anonymisationDescription: "SHA-256 med årlig salt")
        #expect(MarketplaceRules.check(new, in: product, table: table, by: member).isEmpty)
    }

    // MARK: Expiry is tomorrow or later, or forever

    @Test func expiryInThePastIsRefused() {
        let yesterday = now.addingTimeInterval(-86_400)
        #expect(codes(MarketplaceRules.checkExpiry(yesterday, now: now)) == ["expires_in_past"])
    }

    @Test func expiryLaterTodayIsRefused() {
        // 23:00 Oslo time the same day: still today.
        let tonight = try! Date("2026-11-25T22:00:00Z", strategy: .iso8601)
        #expect(codes(MarketplaceRules.checkExpiry(tonight, now: now)) == ["expires_in_past"])
    }

    @Test func expiryTomorrowOrForeverIsAccepted() {
        let tomorrowOslo = try! Date("2026-11-25T23:00:00Z", strategy: .iso8601)  // 00:00 on the 26th in Oslo
        #expect(MarketplaceRules.checkExpiry(tomorrowOslo, now: now).isEmpty)
        #expect(MarketplaceRules.checkExpiry(nil, now: now).isEmpty)
    }

    @Test func grantWithPastExpiryIsRefused() {
        let request = GrantRequest(datasettID: UUID(), subject: try! Subject(.user, "a@nav.no"), expires: now.addingTimeInterval(-60))
        #expect(codes(MarketplaceRules.check(request, on: datasett(.none), in: product, by: member, now: now)) == ["expires_in_past"])
    }

    // MARK: Subjects are trimmed, lower-cased e-mails

    @Test func subjectEmailsAreTrimmedAndLowerCased() throws {
        #expect(try Subject(.user, "  Ola.Nordmann@NAV.no \n").email == "ola.nordmann@nav.no")
        #expect(try Subject(iamMember: "group:Team-X@Nav.No").iamMember == "group:team-x@nav.no")
        #expect(try Subject(.group, "ALL-USERS@nav.no").isAllUsers)
    }

    @Test(arguments: ["ola", "ola@", "@nav.no", "ola@nav", "ola nordmann@nav.no", "ola@nav.no.", "ola@@nav.no"])
    func subjectsThatAreNotEmailsAreRefused(_ text: String) {
        let error = #expect(throws: InvalidInput.self) { try Subject(.user, text) }
        #expect(error?.problems.map(\.code) == ["subject_format"])
    }

    @Test func iamMemberNeedsAKnownType() {
        #expect(throws: InvalidInput.self) { try Subject(iamMember: "domain:nav.no") }
        #expect(throws: InvalidInput.self) { try Subject(iamMember: "ola@nav.no") }
    }

    // MARK: Ownership and the GCP project

    @Test func onlyOwnerGroupMembersChangeThings() {
        let grant = GrantRequest(datasettID: UUID(), subject: try! Subject(.user, "a@nav.no"), expires: nil)
        #expect(codes(MarketplaceRules.check(grant, on: datasett(.none), in: product, by: outsider, now: now)) == ["wrong_owner"])
        #expect(codes(MarketplaceRules.checkOwnerAction(on: product, by: outsider)) == ["wrong_owner"])
        #expect(codes(MarketplaceRules.checkDelete(product, by: outsider)) == ["wrong_owner"])
        let new = NewDataprodukt(name: "X", group: "teamdagpenger@nav.no", teamID: "t")
        #expect(codes(MarketplaceRules.check(new, by: outsider)) == ["wrong_owner"])
        #expect(MarketplaceRules.check(new, by: member).isEmpty)
    }

    @Test func groupMembershipIgnoresCase() {
        let new = NewDataprodukt(name: "X", group: "TeamDagpenger@NAV.no", teamID: "t")
        #expect(MarketplaceRules.check(new, by: member).isEmpty)
    }

    @Test func tableMustBeInTheOwnerTeamsProject() throws {
        let foreign = TableRef(DatasetRef(project: try ProjectID("annet-prod-9f9f"), dataset: try DatasetID("d")), try TableID("t"))
        let new = NewDatasett(dataproduktID: product.id, name: "Vedtak", pii: .none, table: foreign)
        let foreignTable = TableInfo(ref: foreign, kind: .table)
        #expect(codes(MarketplaceRules.check(new, in: product, table: foreignTable, by: member)) == ["wrong_project"])
    }

    @Test func tableMustExistAndBePublishable() {
        let new = NewDatasett(dataproduktID: product.id, name: "Vedtak", pii: .none, table: tableRef)
        #expect(codes(MarketplaceRules.check(new, in: product, table: nil, by: member)) == ["gcp_bigquery"])
        for kind in [TableKind.external, .snapshot] {
            #expect(codes(MarketplaceRules.check(new, in: product, table: TableInfo(ref: tableRef, kind: kind), by: member)) == ["table_type"])
        }
        for kind in [TableKind.table, .view, .materializedView] {
            #expect(MarketplaceRules.check(new, in: product, table: TableInfo(ref: tableRef, kind: kind), by: member).isEmpty)
        }
    }

    @Test func piiTagsMustNameColumnsOfTheTable() {
        var new = NewDatasett(dataproduktID: product.id, name: "Vedtak", pii: .sensitive, table: tableRef,
                              piiTags: ["fødselsnummer": .direkteIdentifiserende, "person.navn": .direkteIdentifiserende])
        #expect(MarketplaceRules.check(new, in: product, table: table, by: member).isEmpty)
        new.piiTags["finnes_ikke"] = .saerligKategori
        let problems = MarketplaceRules.check(new, in: product, table: table, by: member)
        #expect(codes(problems) == ["pii_tags"])
        #expect(problems[0].message.en.contains("finnes_ikke"))
    }

    @Test func pseudonymisedColumnsAreSomeButNotAllAndExist() {
        var new = NewDatasett(dataproduktID: product.id, name: "Vedtak", pii: .sensitive, table: tableRef, pseudoColumns: ["fødselsnummer"])
        #expect(MarketplaceRules.check(new, in: product, table: table, by: member).isEmpty, "one of two columns")
        new.pseudoColumns = ["fødselsnummer", "person.navn"]
        #expect(codes(MarketplaceRules.check(new, in: product, table: table, by: member)) == ["pseudo_columns"], "every column")
        new.pseudoColumns = ["finnes_ikke"]
        #expect(codes(MarketplaceRules.check(new, in: product, table: table, by: member)) == ["pseudo_columns"])
        new.pseudoColumns = []
        #expect(MarketplaceRules.check(new, in: product, table: table, by: member).isEmpty, "none is fine: no pseudonymised view")
    }

    @Test func thePIILevelCannotChangeOnEdit() {
        let existing = datasett(.sensitive)
        var update = DatasettUpdate(of: existing)
        #expect(MarketplaceRules.check(update, of: existing, from: product, to: product, table: table, by: member).isEmpty)
        update.pii = .none
        #expect(codes(MarketplaceRules.check(update, of: existing, from: product, to: product, table: table, by: member)) == ["pii_level"])
    }

    @Test func datasettMovesOnlyWithinTheOwnerGroup() {
        let other = Dataprodukt(id: UUID(), name: "Annet", description: nil, slug: "annet", owner: Owner(group: "team-annet@nav.no"), created: now, lastModified: now)
        let existing = datasett(.none)
        var update = DatasettUpdate(of: existing)
        update.dataproduktID = other.id
        #expect(codes(MarketplaceRules.check(update, of: existing, from: product, to: other, table: table, by: member)) == ["wrong_owner"])
        #expect(MarketplaceRules.check(DatasettUpdate(of: existing), of: existing, from: product, to: product, table: table, by: member).isEmpty)
    }

    // MARK: Web-form rules, all problems at once

    @Test func dataproduktFormReportsEveryProblemAtOnce() {
        let new = NewDataprodukt(name: "  ", group: "ikke-en-gruppe", teamID: nil)
        let problems = MarketplaceRules.check(new, by: member)
        #expect(codes(problems) == ["required", "group", "required"])
        #expect(Set(problems.map(\.field)) == ["name", "group", "teamID"])
        for problem in problems {
            #expect(!problem.message.nb.isEmpty && !problem.message.en.isEmpty && problem.message.nb != problem.message.en)
        }
    }

    @Test func datasettFormReportsEveryProblemAtOnce() {
        let new = NewDatasett(dataproduktID: product.id, name: "", pii: .anonymised, table: tableRef, grantAllUsers: false)
        let problems = MarketplaceRules.check(new, in: product, table: nil, by: outsider)
        #expect(Set(codes(problems)) == ["required", "anonymisation_description", "gcp_bigquery", "wrong_project", "wrong_owner"])
    }
}
