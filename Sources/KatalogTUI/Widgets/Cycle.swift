/// "The next one after the current, around the end": Tab through nodes, `n`/`N` through matches.
enum Cycle {
    static func step<T: Equatable>(_ items: [T], from current: T?, forward: Bool) -> T? {
        guard !items.isEmpty else { return nil }
        let index = current.flatMap { items.firstIndex(of: $0) } ?? -1
        let next = forward ? (index + 1) % items.count : (index - 1 + items.count) % items.count
        return items[next]
    }
}
