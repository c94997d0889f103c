import Foundation
import Testing
@testable import KatalogCore

/// The plan: desired state against current state, field by field, with what BigQuery gets.
@Suite("Publish plans")
struct PublishPlanTests {
    let now = try! Date("2026-11-25T12:00:00Z", strategy: .iso8601)
    let vedtak = try! TableRef(parsing: "dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")
    let view = try! TableRef(parsing: "dagpenger-prod-4e2b.behandling.søknader_beriket")

    var spec: DataproduktSpec {
        DataproduktSpec(name: "Dagpengevedtak", description: "Alle vedtak", group: "teamdagpenger@nav.no",
                        teamkatalogenURL: "https://teamkatalog.nav.no/team/t1", teamID: "t1", teamContact: "team-dagpenger", slug: "dagpengevedtak",
                        datasett: [DatasettSpec(table: vedtak, name: "Vedtaksstatistikk", keywords: ["vedtak"], pii: .sensitive,
                                                piiTags: ["fødselsnummer": .direkteIdentifiserende])])
    }

    /// The spec as it would exist after being applied.
    func existing(_ spec: DataproduktSpec) -> Dataprodukt {
        let id = UUID()
        let datasett = spec.datasett.map { wanted in
            Datasett(id: UUID(), dataproduktID: id, name: wanted.name, description: wanted.description, slug: Slug.make(wanted.name), repo: wanted.repo,
                     pii: wanted.pii, keywords: wanted.keywords, anonymisationDescription: wanted.anonymisationDescription, targetUser: wanted.targetUser,
                     source: BigQuerySource(table: wanted.table, tableKind: .table, piiTags: wanted.piiTags, pseudoColumns: wanted.pseudoColumns),
                     created: now, lastModified: now)
        }
        return Dataprodukt(id: id, name: spec.name, description: spec.description, slug: spec.slug ?? Slug.make(spec.name),
                           owner: Owner(group: spec.group, teamkatalogenURL: spec.teamkatalogenURL, teamContact: spec.teamContact, teamID: spec.teamID),
                           created: now, lastModified: now, datasett: datasett)
    }

    @Test func nothingThereCreatesTheDataproduktThenEachDatasettWithTheirBigQueryEffects() {
        var wanted = spec
        wanted.datasett.append(DatasettSpec(table: view, name: "Søknader beriket", allOfNAV: true))
        let plan = PublishPlan.make(wanted, against: PublishedState(dataprodukt: nil, tableKinds: [vedtak: .table, view: .view]))
        #expect(plan.lines.map(\.call) == ["POST /api/dataproducts/new", "POST /api/datasets/new", "POST /api/datasets/new"])
        let viewEffects = plan.lines[2].details.map(\.en)
        #expect(viewEffects.contains { $0.hasPrefix("BigQuery: the view becomes an authorized view on the dataset dagpenger-prod-4e2b.behandling") })
        #expect(viewEffects.contains { $0.hasPrefix("BigQuery: group:all-users@nav.no gets roles/bigquery.dataViewer") })
        #expect(plan.lines[1].details.isEmpty, "a table opened to no one gets nothing in BigQuery yet")
        #expect(plan.summary.en == "Plan: 3 to add, 0 to change, 0 to remove.")
    }

    @Test func whatIsAlreadyTrueIsNoChange() {
        let plan = PublishPlan.make(spec, against: PublishedState(dataprodukt: existing(spec)))
        #expect(!plan.hasChanges)
        #expect(plan.summary.en == "No changes: the marketplace is as described.")
    }

    @Test func changesAreListedFieldByFieldAndTheSlugStays() {
        let current = existing(spec)
        var wanted = spec
        wanted.slug = nil
        wanted.description = "Alle vedtak, daglig"
        wanted.datasett[0].keywords = ["vedtak", "dagpenger"]
        wanted.datasett[0].piiTags["person.navn"] = .direkteIdentifiserende
        let plan = PublishPlan.make(wanted, against: PublishedState(dataprodukt: current))
        guard case let .updateDataprodukt(_, update, changes) = plan.steps.first else { Issue.record("expected an update first"); return }
        #expect(update.slug == "dagpengevedtak", "without a slug in the spec, the current one is sent")
        #expect(changes.map(\.field) == ["description"])
        guard case let .updateDatasett(_, _, datasettChanges, from) = plan.steps.last else { Issue.record("expected a datasett update"); return }
        #expect(datasettChanges.map(\.field) == ["keywords", "columns"] && from == nil)
        #expect(plan.text(.en).contains("      keywords: «vedtak» → «vedtak, dagpenger»"))
    }

    @Test func aTableRegisteredOnAnotherDataproduktOfTheGroupMoves() {
        var other = spec
        other.name = "Gammelt"
        other.slug = "gammelt"
        let elsewhere = existing(other)
        let here = existing(DataproduktSpec(name: spec.name, description: spec.description, group: spec.group, teamkatalogenURL: spec.teamkatalogenURL,
                                            teamID: spec.teamID, teamContact: spec.teamContact, slug: spec.slug))
        let plan = PublishPlan.make(spec, against: PublishedState(dataprodukt: here, others: [elsewhere]))
        guard case let .updateDatasett(id, _, changes, from) = plan.steps.first else { Issue.record("expected a move"); return }
        #expect(id == elsewhere.datasett[0].id && from == "Gammelt" && changes.first?.field == "dataprodukt")
        #expect(plan.lines[0].text.en == "move the datasett “Vedtaksstatistikk” from “Gammelt”")
    }

    @Test func allOfNAVIsOpenedAndClosedAsTheSpecSays() {
        var wanted = spec
        wanted.datasett[0].pii = .none
        wanted.datasett[0].piiTags = [:]
        let current = existing(wanted)
        wanted.datasett[0].allOfNAV = true
        let open = PublishPlan.make(wanted, against: PublishedState(dataprodukt: current))
        #expect(open.lines.map(\.call) == ["POST /api/accesses/bigquery/grant"])
        let grant = Grant(id: UUID(), datasettID: current.datasett[0].id, subject: .allUsers, owner: spec.group, granter: "ola@nav.no", expires: nil, created: now)
        #expect(!PublishPlan.make(wanted, against: PublishedState(dataprodukt: current, allOfNAV: [grant.datasettID: grant])).hasChanges)
        wanted.datasett[0].allOfNAV = false
        let close = PublishPlan.make(wanted, against: PublishedState(dataprodukt: current, allOfNAV: [grant.datasettID: grant]))
        #expect(close.lines.map(\.sign) == ["-"] && close.summary.en == "Plan: 0 to add, 0 to change, 1 to remove.")
    }

    @Test func datasettTheSpecLeavesOutAreNamedAndLeftAlone() {
        var wanted = spec
        let current = existing(wanted)
        wanted.datasett = []
        let plan = PublishPlan.make(wanted, against: PublishedState(dataprodukt: current))
        #expect(!plan.hasChanges && plan.untouched.map(\.name) == ["Vedtaksstatistikk"])
        #expect(plan.text(.nb).contains("«Vedtaksstatistikk» (dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk) står ikke i beskrivelsen og blir som det er"))
    }
}
