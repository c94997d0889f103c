import Foundation

/// Text an attacker (or a broken system) puts in metadata: escapes that clear the screen, move
/// the cursor, write the clipboard (OSC 52), hide a link (OSC 8); C1 controls; DEL; bidi
/// overrides and isolates; zero-width characters; NUL and BEL; 100,000-character strings; and,
/// planted as bytes, invalid UTF-8. Each escape carries 6666 where it can, which no terminal
/// library ever sends, so a raw one in a terminal's byte stream is known to be the data's.
public enum HostileText {
    public static let fragments = [
        "\u{1B}[6666;6666H", "\u{1B}[2J\u{1B}[6666m", "\u{1B}]52;c;NjY2Ng==\u{07}", "\u{1B}]8;;https://6666.example/\u{1B}\\klikk her\u{1B}]8;;\u{1B}\\",
        "\u{9B}6666m", "\u{85}", "\u{90}6666\u{9C}", "\u{7F}", "\u{202E}snudd", "\u{2066}isolert\u{2069}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{0}",
        "\u{7}", "\r", "\t", "\u{1B}P6666\u{1B}\\", "\u{1B}_6666\u{1B}\\", "\u{1B}c", "\u{2028}", "\u{1B}",
    ]
    static let words = ["vedtak", "søknad", "ÆØÅ", "表格", "👩‍👩‍👧", "e\u{301}", "dagpenger", "x"]

    /// The `index`th string: words and hostile fragments, the same every run.
    public static func string(_ index: Int) -> String {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        if index % 1_000 == 999 { return String(repeating: "lang \u{1B}[6666m tekst ", count: 6_000) }  // 108,000 characters
        return (0..<(3 + next(8))).map { _ in next(3) == 0 ? words[next(words.count)] : fragments[next(fragments.count)] }.joined(separator: " ")
    }

    /// Bytes that are not UTF-8 (a C1 CSI as a raw byte among them), for a TEXT column.
    public static let invalidUTF8: [UInt8] = [0x76, 0xFF, 0x9B, 0x36, 0x36, 0x36, 0x36, 0x6D, 0xC3, 0x28, 0xE2, 0x80, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x76]

    /// Statements that put `count` hostile strings into a demo workspace — descriptions,
    /// friendly names, labels and view SQL of its tables and datasets, dataprodukt and datasett
    /// names and descriptions, grant subjects' owners, request reasons, the audit log — with
    /// invalid UTF-8 in a few. `run(sql, arguments)` executes one.
    public static func plant(_ count: Int, run: (String, [String]) throws -> Void) throws {
        var index = 0
        func next() -> String { index += 1; return string(index) }
        let per = max(1, count / 8)
        // Row by row (rowid n, wrapping round where there are fewer rows).
        for row in 0..<per {
            let n = String(row)
            try run("UPDATE bqTable SET description = ?, friendlyName = ?, labels = json_object('fiendtlig', ?, ?, 'x') WHERE rowid = 1 + ? % (SELECT max(rowid) FROM bqTable)",
                    [next(), next(), next(), next(), n])
            try run("UPDATE bqTable SET query = ? || char(10) || query || char(10) || '-- ' || ? WHERE query IS NOT NULL AND rowid = (SELECT rowid FROM bqTable WHERE query IS NOT NULL LIMIT 1 OFFSET ? % (SELECT count(*) FROM bqTable WHERE query IS NOT NULL))",
                    ["/* " + next() + " */", next(), n])
            try run("UPDATE bqDataset SET description = ? WHERE rowid = 1 + ? % (SELECT max(rowid) FROM bqDataset)", [next(), n])
            try run("UPDATE accessRequest SET reason = ? WHERE rowid = 1 + ? % (SELECT max(rowid) FROM accessRequest)", [next(), n])
        }
        try run("UPDATE dataprodukt SET name = ? || name, description = ?", [next(), next()])
        try run("UPDATE datasett SET name = ? || name, description = ?", [next(), next()])
        // The audit log is append-only: a record as a hostile marketplace would have it journalled.
        try run("INSERT INTO auditEvent (time, actor, action, target, detail, status, backend) VALUES ('2026-11-25 11:00:00.000', ?, 'grant.create', ?, ?, 'done', ?)",
                [next(), next(), next(), next()])
        try run("UPDATE accessGrant SET owner = ? WHERE rowid IN (SELECT rowid FROM accessGrant LIMIT 3)", [next()])
        let bytes = invalidUTF8.map { String(format: "%02X", $0) }.joined()
        try run("UPDATE bqTable SET description = CAST(X'\(bytes)' AS TEXT) WHERE rowid IN (2, 3, 5)", [])
        try run("UPDATE dataprodukt SET description = CAST(X'\(bytes)' AS TEXT) WHERE rowid = (SELECT min(rowid) FROM dataprodukt)", [])
    }

    /// Whether `text` holds anything a terminal would act on or hide (a newline aside).
    public static func unsafe(_ text: String, newlines: Bool = true) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            let value = scalar.value
            if value == 0x0A { return !newlines }
            return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || value == 0x200E || value == 0x200F || value == 0x061C || value == 0x2028 || value == 0x2029
        }
    }
}
