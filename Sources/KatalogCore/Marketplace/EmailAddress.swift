import Foundation

/// E-mail addresses as the marketplace's users have them: ASCII, checked strictly (RFC 5321's
/// dot-atom local part, DNS labels for the domain), trimmed and lower-cased. Strict because an
/// address decides who may read personal data: an invisible character or a look-alike letter
/// must never pass as another address — `all-users@nav.no` above all.
public enum EmailAddress {
    /// What is wrong with an address, for the message.
    public enum Flaw: Error, Equatable, Sendable {
        case empty
        case tooLong(Int)
        /// Changed by NFKC (full-width letters, ligatures): it looks like an address it is not.
        case lookAlike
        /// A format, control or non-ASCII character, with its position (1-based).
        case character(Unicode.Scalar, position: Int)
        case notOneAt
        case localPart
        case domain
    }

    static let maximumLength = 254
    static let atext = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-".unicodeScalars)

    /// The normalised address, or nil when `text` is not a valid address.
    public static func normalized(_ text: String) -> String? {
        if case let .success(address) = check(text) { return address }
        return nil
    }

    public static func check(_ text: String) -> Result<String, Flaw> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .failure(.empty) }
        if trimmed.unicodeScalars.count > maximumLength { return .failure(.tooLong(trimmed.unicodeScalars.count)) }
        for (index, scalar) in trimmed.unicodeScalars.enumerated() where !scalar.isASCII || scalar.value < 0x21 || scalar.value == 0x7F {
            // A look-alike first (it says more), then the character itself.
            if trimmed.precomposedStringWithCompatibilityMapping != trimmed { return .failure(.lookAlike) }
            return .failure(.character(scalar, position: index + 1))
        }
        let address = trimmed.lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(.notOneAt) }
        let (local, domain) = (parts[0], parts[1])
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
        guard !local.isEmpty, local.count <= 64, atoms.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(atext.contains) }) else {
            return .failure(.localPart)
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.count <= 253, labels.allSatisfy(isLabel), labels.last!.allSatisfy(\.isLetter) else {
            return .failure(.domain)
        }
        return .success(address)
    }

    /// A DNS label: 1–63 letters, digits and hyphens, not starting or ending with a hyphen.
    private static func isLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
            && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The flaw in words, naming an invisible character by its code point.
    public static func explain(_ flaw: Flaw) -> LocalizedText {
        switch flaw {
        case .empty: LocalizedText(nb: "den er tom", en: "it is empty")
        case let .tooLong(count): LocalizedText(nb: "den er \(count) tegn lang (høyst \(maximumLength))", en: "it is \(count) characters long (at most \(maximumLength))")
        case .lookAlike: LocalizedText(nb: "den har tegn som bare ligner vanlige bokstaver (for eksempel fullbredde)",
                                       en: "it has characters that only look like ordinary letters (full-width, for example)")
        case let .character(scalar, position):
            LocalizedText(nb: "tegn \(position) er U+\(String(format: "%04X", scalar.value)), som ikke hører hjemme i en e-postadresse",
                          en: "character \(position) is U+\(String(format: "%04X", scalar.value)), which does not belong in an e-mail address")
        case .notOneAt: LocalizedText(nb: "den må ha nøyaktig én @", en: "it must have exactly one @")
        case .localPart: LocalizedText(nb: "delen før @ er ikke gyldig", en: "the part before @ is not valid")
        case .domain: LocalizedText(nb: "domenet etter @ er ikke gyldig", en: "the domain after @ is not valid")
        }
    }
}
