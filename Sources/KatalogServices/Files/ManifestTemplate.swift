import Foundation
import KatalogCore

/// `katalog publish --init TABLE`: a commented manifest filled from the table — its name,
/// description and columns, the group owning its project, that group's Teamkatalogen team —
/// with suggested PII classes, each with its reason as a comment. Applied as it is, it is valid.
public enum ManifestTemplate {
    public static func text(for table: TableInfo, owner: String?, team: TeamkatalogenTeam?) -> String {
        let suggestions = PIISuggestion.suggest(for: table.schema)
        let byColumn = Dictionary(suggestions.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        let leaves = SchemaField.flatten(table.schema).filter { !$0.field.isRecord }.map(\.path)
        let personal = suggestions.contains { $0.tag != .kanVaereIndirekteIdentifiserende }
        let name = table.friendlyName ?? table.ref.table.rawValue
        var lines = [
            "# A dataprodukt for katalog (docs/manifest.md), written by `katalog publish --init \(table.ref)`.",
            "#   katalog publish -f dataprodukt.yaml            shows what would change",
            "#   katalog publish -f dataprodukt.yaml --apply    makes it so (asks first; --yes in CI)",
            "dataprodukt:",
            "  name: \(quoted(name))",
            "  slug: \(Slug.make(name))",
        ]
        lines += block("description", table.description, indent: "  ")
        lines.append("  owner: \(owner ?? "team-x@nav.no")" + (owner == nil ? "    # a group you are in that owns the project" : ""))
        lines.append("  team: \(team?.url ?? "https://teamkatalog.nav.no/team/<id>")" + (team == nil ? "    # the team's page in Teamkatalogen" : "    # \(team!.name)"))
        lines.append("  # contact: team-kanal    # a Slack channel without #, or an e-mail")
        lines += [
            "datasett:",
            "  - table: \(table.ref)",
            "    name: \(quoted(name))",
        ]
        lines += block("description", table.description, indent: "    ")
        lines += [
            "    # repo: https://github.com/navikt/…",
            "    keywords: []",
            "    team_internal: false    # true: for use inside the team",
            "    pii: \(personal ? "sensitive" : "none")    # none | anonymised | sensitive" + (personal ? " — katalog suggests sensitive: see the columns" : ""),
            "    # anonymisation: how it was anonymised (required for anonymised)",
        ]
        // Every column with its class: needed when sensitive; a list to start from otherwise.
        let prefix = personal ? "    " : "    # "
        lines.append(prefix + "columns:    # direkte-identifiserende | særlig-kategori | kan-være-indirekte-identifiserende")
        for column in leaves {
            let suggestion = byColumn[column]
            let tag = suggestion?.tag ?? .kanVaereIndirekteIdentifiserende
            let reason = suggestion.map { "    # suggested: \($0.reason.en)" } ?? ""
            lines.append(prefix + "  \(quoted(column)): \(className(of: tag))" + reason)
        }
        lines += [
            "    # pseudonymised: [column]    # some columns, not all: a pseudonymised view is registered instead",
            "    access: apply    # apply (users must apply) | all-of-nav" + (personal ? " (not for sensitive data)" : ""),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func className(of tag: PIITag) -> String {
        switch tag {
        case .direkteIdentifiserende: "direkte-identifiserende"
        case .saerligKategori: "særlig-kategori"
        case .kanVaereIndirekteIdentifiserende: "kan-være-indirekte-identifiserende"
        }
    }

    /// A value as YAML reads it back unchanged: plain when it can be, else double-quoted — with
    /// every control, bidi override, line separator and invisible format character as `\uXXXX`,
    /// so a hostile description can neither act on the terminal it is printed to nor hide in
    /// the file.
    static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || " _-.".contains($0) }
            && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !["true", "false", "yes", "no", "null", "~"].contains(text.lowercased())
            && !(text.first?.isNumber ?? false)
        if plain { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.properties.generalCategory == .format:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The key with its text, or commented out when there is none.
    static func block(_ key: String, _ text: String?, indent: String) -> [String] {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return ["\(indent)# \(key): …"] }
        return ["\(indent)\(key): \(quoted(text.trimmingCharacters(in: .whitespacesAndNewlines)))"]
    }
}
