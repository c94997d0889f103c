/// dbt's node selection as katalog's `:lineage` takes it: `table` (two hops each way, katalog's
/// default), `2+table+1` (hops up and down), `+table` (every ancestor), `table+` (every
/// descendant), `+table+`, `3+table` (three up, nothing down).
public struct LineageSelector: Equatable, Sendable {
    public let name: String
    public let up: Int
    public let down: Int

    /// Hops that reach everything.
    public static let all = Int.max

    public init(name: String, up: Int, down: Int) {
        self.name = name
        self.up = up
        self.down = down
    }

    /// nil when there is no name in it (`+`, `2+`, empty).
    public init?(parsing text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard rest.contains("+") else {
            guard !rest.isEmpty else { return nil }
            self.init(name: String(rest), up: 2, down: 2)
            return
        }
        var up = 0, down = 0
        if let plus = rest.firstIndex(of: "+"), rest[..<plus].allSatisfy(\.isNumber) {
            let digits = rest[..<plus]
            up = digits.isEmpty ? Self.all : Int(digits) ?? Self.all
            rest = rest[rest.index(after: plus)...]
        }
        if let plus = rest.lastIndex(of: "+"), rest[rest.index(after: plus)...].allSatisfy(\.isNumber) {
            let digits = rest[rest.index(after: plus)...]
            down = digits.isEmpty ? Self.all : Int(digits) ?? Self.all
            rest = rest[..<plus]
        }
        guard !rest.isEmpty else { return nil }
        self.init(name: String(rest), up: up, down: down)
    }

    /// How hops show: a number, or `*` for all.
    public static func text(_ hops: Int) -> String { hops == all ? "*" : String(hops) }
}
