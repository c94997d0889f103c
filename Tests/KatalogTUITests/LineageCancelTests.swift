import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI

/// Building a big project's lineage takes a while: Esc while it loads stops it and goes back.
@Suite("Stopping a lineage build")
struct LineageCancelTests {
    @Test func escWhileTheLineageLoadsCancelsItAndGoesBack() throws {
        let project = try ProjectID("dagpenger-prod-4e2b")
        var state = AppState(width: 120, height: 30, language: .en, readOnly: false, project: project, themeName: "default", themeNames: [])
        let keys = KeyRegistry()
        let opened = state.handle(.key(.character("2")), keys: keys)
        state.started(opened)
        #expect(opened.contains { $0.isLineage })
        let esc = state.handle(.key(.escape), keys: keys)
        #expect(esc.contains(.cancelLineage))
        #expect(state.screen.kind == .explorer)
        _ = state.handle(.lineageLoaded(.failure(LoadFailure(CancellationError())), notices: []), keys: keys)
        #expect(state.toast?.text.contains("Building the lineage was stopped; 2 builds it again.") == true)
        #expect(state.toast?.isError == false, "stopped on purpose is no error")
        // Back on the screen, the lineage is built again.
        #expect(state.handle(.key(.character("2")), keys: keys).contains { $0.isLineage })
    }
}
