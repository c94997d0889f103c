import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal
@testable import KatalogTUI

/// The publish wizard driven by keys against the demo workspace: filled, reviewed, submitted;
/// left and resumed from its draft; held back by the rules.
@Suite("The publish wizard")
struct PublishWizardTests {
    var publish: (Harness) -> PublishScreen? = { $0.state.navigation[.publish] as? PublishScreen }

    /// Fills page 1 (dataprodukt) from the first field.
    func fillDataprodukt(_ harness: Harness) async {
        await harness.press("tab")
        await harness.type("Vedtak daglig")
        await harness.press("tab")
        await harness.type("Vedtak per dag")
        await harness.press("tab", "tab", "enter")  // the owner group is the user's one; the team picker
        await harness.press("enter")                // the team found for the group
        await harness.press("tab")
        await harness.type("team-dagpenger")
    }

    @Test func threeOpensTheWizardFilledAndSubmittedItPublishes() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("3")
        #expect(harness.state.navigation.top == .publish)
        let wizard = try #require(publish(harness))
        #expect(wizard.draft.group == "teamdagpenger@nav.no", "the one group that owns a project, chosen")
        await fillDataprodukt(harness)
        #expect(publish(harness)?.draft.teamName == "teamdagpenger")
        await harness.press("ctrl-n")
        #expect(publish(harness)?.form.page == 1, "\(harness.screen())")
        await harness.press("enter")
        await harness.type("vedtak_daglig")
        await harness.press("enter")
        #expect(publish(harness)?.draft.table == "dagpenger-prod-4e2b.behandling.vedtak_daglig")
        #expect(publish(harness)?.draft.datasettName == "vedtak_daglig", "the table's name, until the user writes another")
        // The most used keywords to pick from, beside the ones typed.
        await harness.press("tab", "tab", "tab", "tab")
        await harness.type("daglig")
        await harness.press("tab", "space")
        #expect(publish(harness)?.draft.keywords == "daglig, dagpenger", "\(harness.screen())")
        await harness.press("ctrl-n", "ctrl-n", "ctrl-n")
        #expect(publish(harness)?.form.page == 4)
        let plan = try #require(publish(harness)?.plan)
        #expect(plan.lines.map(\.call) == ["POST /api/dataproducts/new", "POST /api/datasets/new"])
        #expect(harness.screen().contains("POST /api/datasets/new"))
        await harness.press("enter")
        #expect(harness.state.modals.count == 1, "asks first")
        await harness.press("y")
        #expect(publish(harness)?.finished?.slug == "vedtak-daglig", "\(harness.screen())")
        #expect(harness.state.catalog.products.contains { $0.slug == "vedtak-daglig" })
        #expect(try await harness.services.drafts.list().isEmpty, "the draft goes after success")
    }

    @Test func aDraftIsSavedOnEveryPageAndResumed() async throws {
        let first = try await Harness(width: 120, height: 40)
        await first.press("3")
        await fillDataprodukt(first)
        await first.press("ctrl-n")
        let saved = try #require(try await first.services.drafts.list().first)
        #expect(saved.title == "Vedtak daglig")

        // Another session on a workspace holding that draft: 3 offers it.
        let second = try await Harness(width: 120, height: 40) { workspace in
            _ = try await workspace.services().drafts.save(saved)
        }
        await second.press("3")
        guard case let .confirmation(confirmation, _)? = second.state.modals.last else {
            Issue.record("expected the offer to resume")
            return
        }
        #expect(confirmation.lines.first?.hasPrefix("Resume the draft “Vedtak daglig” from 2026-") == true)
        await second.press("y")
        let wizard = try #require(publish(second))
        #expect(wizard.draft.name == "Vedtak daglig" && wizard.draft.teamName == "teamdagpenger" && wizard.form.page == 1)
        #expect(wizard.draftID == saved.id, "the same draft goes on")
    }

    /// Opened and left untouched (the group filled in for the user is not a change): no draft
    /// is kept, and the next 3 offers none; one typed letter is a draft.
    @Test func anUntouchedWizardLeavesNoDraft() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("3", "esc")
        #expect(try await harness.services.drafts.list().isEmpty)
        #expect(harness.screen().contains("Nothing was filled in, so no draft was kept."))
        await harness.press("3")
        #expect(harness.state.modals.isEmpty, "nothing to resume")
        await harness.press("tab")
        await harness.type("V")
        await harness.press("esc")
        #expect(try await harness.services.drafts.list().first?.title == "V")
    }

    @Test func typingStopsAndTheDraftIsSavedWithinTwoSeconds() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("3", "tab")
        await harness.type("Halvferdig")
        #expect(try await harness.services.drafts.list().isEmpty)
        for _ in 0..<PublishScreen.autosaveTicks { await harness.send(.tick) }
        #expect(try await harness.services.drafts.list().first?.title == "Halvferdig")
    }

    @Test func sensitiveDataCannotBeOpenedToAllOfNAVAndProblemsHoldThePageBack() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("3")
        await harness.press("ctrl-n")
        #expect(publish(harness)?.form.page == 0, "a page with problems does not let you on")
        #expect(harness.state.toast?.text.contains("must be fixed before the next page") == true)
        await fillDataprodukt(harness)
        await harness.press("ctrl-n", "enter")
        await harness.type("vedtak_statistikk")
        await harness.press("enter", "ctrl-n")
        // Personal data: sensitive, then the suggestions accepted all at once.
        await harness.press("right", "right", "enter")
        #expect(publish(harness)?.draft.pii == .sensitive)
        await harness.press("tab", "tab", "A")
        #expect(publish(harness)?.draft.columns["fødselsnummer"] == .direkteIdentifiserende, "\(harness.screen())")
        await harness.press("ctrl-n", "right", "enter")
        #expect(publish(harness)?.draft.allOfNAV == false)
        #expect(harness.state.toast?.text == "not for personal data")
    }

    @Test func aRegisteredTableIsEditedWhereItIsNotRegisteredTwice() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press(":")
        await harness.type("goto dataprodukter.vedtak_statistikk")
        await harness.press("enter", "p")
        let wizard = try #require(publish(harness))
        #expect(wizard.draft.existingSlug == "dagpengevedtak" && wizard.draft.datasettName == "Vedtaksstatistikk" && wizard.draft.pii == .sensitive)
        #expect(harness.state.toast?.text.contains("is registered as “Vedtaksstatistikk” in “Dagpengevedtak”; you are editing it") == true)
        await harness.press("ctrl-n", "ctrl-n", "ctrl-n", "ctrl-n")
        #expect(publish(harness)?.plan?.hasChanges == false, "\(harness.screen())")
        await harness.press("enter")
        #expect(harness.state.modals.isEmpty && harness.state.toast?.text == "Nothing to change: the marketplace is as described.")

        // As on the web: the owner group and the PII level stay as registered.
        await harness.press("3")  // from the review: page 3
        #expect(publish(harness)?.form.page == 2)
        await harness.press("left", "left", "enter")
        #expect(harness.state.toast?.text == "the level cannot change once registered")
        #expect(publish(harness)?.draft.pii == .sensitive)
    }

    @Test func aSlackChannelIsWrittenWithoutTheHash() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("3")
        await fillDataprodukt(harness)
        #expect(publish(harness)?.form.problems(for: "contact").isEmpty == true)
        await harness.press("home")
        await harness.type("#")
        #expect(publish(harness)?.form.problems(for: "contact").map(\.message.en) == ["Write the Slack channel without #."])
    }

    /// Kinds the marketplace cannot register are offered disabled, with the reason.
    @Test func externalTablesAndSnapshotsAreShownButCannotBeChosen() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("3")
        let dataset = DatasetRef(project: try ProjectID("dagpenger-prod-4e2b"), dataset: try DatasetID("rasone"))
        harness.state.catalog.tables[dataset, default: []] += [
            TableInfo(ref: TableRef(dataset, try TableID("fra_gcs")), kind: .external),
            TableInfo(ref: TableRef(dataset, try TableID("tabell_1_kopi")), kind: .snapshot),
        ]
        let options = try #require(publish(harness)).tableOptions(harness.state.context)
        #expect(options.first { $0.id.hasSuffix(".fra_gcs") }?.disabledReason == "external table cannot be registered")
        #expect(options.first { $0.id.hasSuffix(".tabell_1_kopi") }?.disabledReason?.hasSuffix("cannot be registered") == true)
        #expect(options.first { $0.id.hasSuffix(".tabell_1") }?.disabledReason == nil)
    }

    @Test func anonymisedNeedsItsMethod() async throws {
        let harness = try await Harness(width: 120, height: 40)
        await harness.press("3")
        await fillDataprodukt(harness)
        await harness.press("ctrl-n", "enter")
        await harness.type("vedtak_daglig")
        await harness.press("enter", "ctrl-n", "right", "enter")
        #expect(publish(harness)?.draft.pii == .anonymised)
        #expect(publish(harness)?.form.problems(for: "anonymisationDescription").map(\.code) == ["anonymisation_description"])
        await harness.press("ctrl-n")
        #expect(publish(harness)?.form.page == 2, "held on the page")
        await harness.press("tab")
        await harness.type("SHA-256 med årlig salt")
        #expect(publish(harness)?.form.problems(for: "anonymisationDescription").isEmpty == true)
    }
}
