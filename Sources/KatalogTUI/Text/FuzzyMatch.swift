/// Fuzzy matching as in fzf's simplest form: every character of the query appears in the
/// text in order, ignoring case. Returns the matched character offsets for highlighting.
enum FuzzyMatch {
    static func match(_ query: String, in text: String) -> [Int]? {
        guard !query.isEmpty else { return [] }
        var offsets: [Int] = []
        var wanted = query.lowercased().makeIterator()
        var next = wanted.next()
        for (offset, character) in text.lowercased().enumerated() {
            guard let target = next else { break }
            if character == target {
                offsets.append(offset)
                next = wanted.next()
            }
        }
        return next == nil ? offsets : nil
    }
}
