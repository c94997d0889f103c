import Foundation

/// One line of `make bench`'s summary table — figure, katalog, peer, ratio, target, met? —
/// printed for scripts/bench.sh to collect (it keeps the lines that start with `ROW`).
struct SummaryRow {
    let figure: String
    let katalog: String
    let peer: String
    let ratio: String
    let target: String
    let met: Bool?

    func print() {
        Swift.print(["ROW", figure, katalog, peer, ratio, target, met.map { $0 ? "yes" : "no" } ?? "–"].joined(separator: "\t"))
    }

    /// katalog's figure against a peer's, where smaller is better: "0.85×" means katalog takes 85 %.
    static func ratio(_ ours: Double, _ theirs: Double) -> String {
        guard theirs > 0 else { return "–" }
        return String(format: ours / theirs < 0.1 ? "%.3f×" : "%.2f×", ours / theirs)
    }
}

/// Milliseconds, for the table.
func milliseconds(_ seconds: Double) -> String { String(format: seconds < 0.01 ? "%.2f ms" : "%.1f ms", seconds * 1000) }
