import Foundation

/// Every secret katalog holds (access tokens, refresh tokens, client secrets, key material),
/// so that no message, log line or error shows one: whatever reaches a user passes `redact`.
/// Secrets are registered where they enter the process (a token fetched, a file read) and are
/// kept in memory only.
public final class Secrets: @unchecked Sendable {
    public static let shared = Secrets()
    public static let mask = "[redacted]"

    private let lock = NSLock()
    private var values: [String] = []

    public init() {}

    /// Remembers `secret` for redaction. Short strings are not secrets worth the false hits.
    public func register(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 8 else { return }
        lock.withLock {
            // Longest first, so a secret that contains another is masked whole.
            if !values.contains(trimmed) { values.append(trimmed); values.sort { $0.count > $1.count } }
        }
    }

    /// "bearer" in any case, found byte by byte: redaction runs over every output, whole
    /// lineage drawings of megabytes included.
    private static func mentionsBearer(_ text: String) -> Bool {
        let word = Array("bearer".utf8)
        var matched = 0
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if lower == word[matched] {
                matched += 1
                if matched == word.count { return true }
            } else {
                matched = lower == word[0] ? 1 : 0
            }
        }
        return false
    }

    /// `text` with every registered secret and every `Bearer …` credential masked.
    public func redact(_ text: String) -> String {
        var out = text
        for value in lock.withLock({ values }) where out.contains(value) {
            out = out.replacingOccurrences(of: value, with: Self.mask)
        }
        guard Self.mentionsBearer(out) else { return out }
        // `[redacted]` starts with a character no token has, so a masked one is not matched again.
        return out.replacing(/(?i)(bearer)(\s+|%20|\+)[A-Za-z0-9._~+\/=-]+/) { "\($0.output.1) \(Self.mask)" }
    }
}
