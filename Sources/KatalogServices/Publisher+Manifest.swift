import Foundation
import KatalogCore

extension Publisher {
    /// A manifest checked against the marketplace's rules and the live tables, every problem at
    /// its line: a table that does not exist or cannot be registered, a PII class for a column
    /// the table lacks, a sensitive datasett with a column left unclassified, and every rule the
    /// wizard would refuse (sensitive + all of NAV, anonymised without its method, …).
    public func problems(in manifest: ManifestFile) async throws -> [ManifestProblem] {
        let spec = manifest.spec
        let user = try await services.marketplace.currentUser()
        var problems: [ManifestProblem] = []
        func add(_ field: String, _ found: [Problem]) {
            problems += found.map { manifest.problem(Self.manifestField(of: $0, under: field), $0.message) }
        }
        let state = try await state(for: spec)
        if let existing = state.dataprodukt {
            add("dataprodukt", MarketplaceRules.check(spec.update(of: existing), of: existing, by: user))
        } else {
            add("dataprodukt", MarketplaceRules.check(spec.newDataprodukt, by: user))
        }
        // Rules about the owner group need a dataprodukt: the one there, or the one to be.
        let product = state.dataprodukt ?? Dataprodukt(id: UUID(), name: spec.name, description: spec.description, slug: spec.slug ?? Slug.make(spec.name),
                                                       owner: Owner(group: spec.group), created: services.now(), lastModified: services.now())
        var seen: [TableRef: Int] = [:]
        for (index, wanted) in spec.datasett.enumerated() {
            let field = "datasett[\(index)]"
            if let first = seen[wanted.table] {
                problems.append(manifest.problem("\(field).table", LocalizedText(
                    nb: "tabellen står også i datasett[\(first)]; én tabell er ett datasett", en: "the table is also in datasett[\(first)]; one table is one datasett")))
            }
            seen[wanted.table] = seen[wanted.table] ?? index
            let table = try await services.warehouse.tableIfExists(wanted.table)
            let existing = ((state.dataprodukt.map { [$0] } ?? []) + state.others).flatMap(\.datasett).first { $0.source.table == wanted.table }
            // Column by column, so each problem points at its own line.
            let ruleProblems = existing.map { MarketplaceRules.check(wanted.update(of: $0, in: product.id), of: $0, from: product, to: product, table: table, by: user) }
                ?? MarketplaceRules.check(wanted.newDatasett(in: product.id), in: product, table: table, by: user)
            add(field, ruleProblems.filter { $0.code != "pii_tags" })
            guard let table else { continue }
            let columns = SchemaField.flatten(table.schema)
            let known = Set(columns.map(\.path))
            for column in wanted.piiTags.keys.sorted() where !known.contains(column) {
                problems.append(manifest.problem("\(field).columns.\(column)", LocalizedText(
                    nb: "\(wanted.table) har ingen kolonne «\(TerminalText.line(column))»", en: "\(wanted.table) has no column “\(TerminalText.line(column))”")))
            }
            if wanted.pii == .sensitive {
                let unclassified = columns.filter { !$0.field.isRecord && wanted.piiTags[$0.path] == nil }.map(\.path)
                if !unclassified.isEmpty {
                    problems.append(manifest.problem("\(field).columns", LocalizedText(
                        nb: "et datasett med personopplysninger må klassifisere hver kolonne; mangler: \(unclassified.joined(separator: ", "))",
                        en: "a datasett with personal data must classify every column; missing: \(unclassified.joined(separator: ", "))")))
                }
            }
        }
        return problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The manifest's name for the field a rule complains about.
    static func manifestField(of problem: Problem, under field: String) -> String {
        let key: String = switch problem.field {
        case "group": "owner"
        case "teamID": "team"
        case "anonymisationDescription": "anonymisation"
        case "piiTags": "columns"
        case "pseudoColumns": "pseudonymised"
        case "subject": "access"
        case "dataproduktID": "table"
        default: problem.field
        }
        return "\(field).\(key)"
    }
}
