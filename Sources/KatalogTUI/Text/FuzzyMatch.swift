/// Fuzzy matching as in fzf's simplest form: every character of the query appears in the
/// text in order, ignoring case. Returns the matched character offsets for highlighting.
enum FuzzyMatch {
    static func match(_ query: String, in text: String) -> [Int]? {
        guard !query.isEmpty else { return [] }
        if let ascii = asciiMatch(query, in: text) { return ascii.matched ? ascii.offsets : nil }
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

    /// Most names are ASCII: compared byte by byte, folding case with a bit, no strings made —
    /// a byte offset is then a character offset. nil when either is not all ASCII.
    private static func asciiMatch(_ query: String, in text: String) -> (matched: Bool, offsets: [Int])? {
        var wanted = query.utf8.makeIterator()
        guard var next = wanted.next(), next < 0x80 else { return nil }
        func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        next = fold(next)
        var offsets: [Int] = []
        for (offset, byte) in text.utf8.enumerated() {
            // Offsets count characters only while everything before them is ASCII.
            guard byte < 0x80 else { return nil }
            guard fold(byte) == next else { continue }
            offsets.append(offset)
            guard let following = wanted.next() else { return (true, offsets) }
            guard following < 0x80 else { return nil }
            next = fold(following)
        }
        // Not all of the query was found; a non-ASCII rest of it is the slow path's to decide.
        while let rest = wanted.next() { if rest >= 0x80 { return nil } }
        return (false, offsets)
    }
}
