import Foundation
import Testing
import KatalogCore

/// `--json` for a terminal: what it acts on is escaped, UUIDs are in lower case, and the value
/// reads back the same.
@Suite("JSON for a terminal")
struct TerminalJSONTests {
    struct Sample: Codable, Equatable {
        let id: UUID
        let ids: [UUID]
        let name: String
        let note: String
    }

    @Test func uuidsInLowerCaseAndControlsEscapedAndTheValueReadsBack() throws {
        let id = UUID(uuidString: "6A1F3C2E-8D2B-4B7A-9C1E-5F3D2A1B0C9D")!
        let sample = Sample(id: id, ids: [id, UUID(uuidString: "0D4C1E2F-3A5B-4C6D-8E7F-9A0B1C2D3E4F")!],
                            name: "søknad\u{1B}[31m\u{9B}\u{202E}\u{200B}\u{7F}æøå",
                            note: "not a whole value: X6A1F3C2E-8D2B-4B7A-9C1E-5F3D2A1B0C9D")
        let json = try TerminalJSON.encode(sample)
        #expect(json.contains("\"6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d\"") && json.contains("\"0d4c1e2f-3a5b-4c6d-8e7f-9a0b1c2d3e4f\""))
        #expect(json.contains("X6A1F3C2E-8D2B-4B7A-9C1E-5F3D2A1B0C9D"), "only whole string values are UUIDs")
        #expect(json.contains("\\u001b[31m") && json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u200b") && json.contains("\\u007f"))
        #expect(json.contains("æøå"))
        #expect(!json.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || $0.properties.generalCategory == .format })
        #expect(try JSONDecoder().decode(Sample.self, from: Data(json.utf8)) == sample)
        #expect(try TerminalJSON.encode(["plain": "ascii"]) == "{\n  \"plain\" : \"ascii\"\n}")
    }
}
