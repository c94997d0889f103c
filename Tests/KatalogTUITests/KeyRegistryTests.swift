import Foundation
import Testing
@testable import KatalogTUI

@Suite("The key registry")
struct KeyRegistryTests {
    @Test func docsKeysIsGeneratedFromTheRegistry() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/keys.md").standardized
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == KeyRegistry().markdown(), "docs/keys.md is stale: run `.build/debug/katalog keys --markdown > docs/keys.md`")
    }

    @Test func readOnlyHidesEveryDangerousAction() {
        let all = KeyRegistry()
        let readOnly = KeyRegistry(readOnly: true)
        #expect(all.bindings.contains { $0.dangerous })
        #expect(!readOnly.bindings.contains { $0.dangerous })
        #expect(readOnly.bindings.count == all.bindings.filter { !$0.dangerous }.count)
    }

    @Test func everyKeyIsBoundOncePerScope() {
        let registry = KeyRegistry()
        for scope in KeyScope.allCases {
            let keys = registry.bindings(in: scope).flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "a key is bound twice in \(scope)")
        }
    }

    @Test func userRebindingsReplaceTheDefaults() {
        let registry = KeyRegistry(overrides: [.quit: [Key(name: "ctrl-q")!]])
        #expect(registry.binding(for: .control("q"), in: [.explorer, .global])?.action == .quit)
        #expect(registry.binding(for: .character("q"), in: [.explorer, .global]) == nil)
    }

    @Test func innerScopesWin() {
        let registry = KeyRegistry()
        #expect(registry.binding(for: .character("q"), in: [.help, .global])?.action == .back)
        #expect(registry.binding(for: .character("q"), in: [.explorer, .global])?.action == .quit)
    }

    @Test func keyNamesRoundTrip() {
        for name in ["j", "G", "?", "enter", "esc", "ctrl-d", "pgdn", "shift-tab", "f1", "space"] {
            #expect(Key(name: name) != nil, "\(name)")
        }
        #expect(Key(name: "hyper-x") == nil)
    }
}
