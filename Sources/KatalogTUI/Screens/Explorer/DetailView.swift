import Foundation
import KatalogCore

/// The right pane of the Explorer: everything about the selected row, as lines.
enum DetailView {
    static func lines(_ explorer: ExplorerScreen, _ context: ScreenContext, width: Int, glyphs: Glyphs) -> [DetailLine] {
        let view = View(explorer: explorer, context: context)
        var lines = unwrapped(view, width: width, glyphs: glyphs).flatMap { line in
            // Schema rows are a table: they keep one row per field. Everything else wraps.
            line.isSchemaRow ? [line] : line.wrapped(width: width, indent: line.continuationIndent)
        }
        // The field under the cursor shows its description whole, wrapped under it: a cut
        // one can always be read to the end.
        let cursor = explorer.details.cursor
        if explorer.focus == .details, cursor < lines.count, let full = lines[cursor].fullText,
           DisplayWidth.of(lines[cursor].spans.map(\.text).joined()) > width {
            let wrapped = DetailLine.wrap(full, width: max(10, width - 4), role: .dim).map { DetailLine([.init(text: "    ", role: .normal)] + $0.spans) }
            lines.insert(contentsOf: wrapped, at: cursor + 1)
        }
        return lines
    }

    /// What the lines are made from: the Explorer's folds and selection, the catalog's data.
    struct View {
        let explorer: ExplorerScreen
        let context: ScreenContext
        var catalog: Catalog { context.catalog }
        var language: Language { context.language }
        var timeZone: TimeZone { context.settings.timeZone }
        func t(_ text: LocalizedText) -> String { context.t(text) }
    }

    private static func unwrapped(_ state: View, width: Int, glyphs: Glyphs) -> [DetailLine] {
        let catalog = state.catalog
        switch state.explorer.selection {
        case let .placeholder(parent)?:
            // "loading …" or a failure in the list: the failure in full here.
            guard let failure = parent.catalogPart.flatMap({ catalog.failures[$0] }) else { return [DetailLine(state.t(UIText.nothingSelected), .muted)] }
            return [DetailLine(state.t(UIText.couldNotLoad), .title)] + DetailLine.wrap(failure, width: width, role: .danger)
        case nil:
            return [DetailLine(state.t(UIText.nothingSelected), .muted)]
        case let .dataset(ref)?:
            guard let dataset = catalog.datasets?.first(where: { $0.ref == ref }) else { return [] }
            return datasetLines(dataset, state, width: width)
        case let .table(ref)?:
            if let failure = catalog.failures[.table(ref)] { return [DetailLine(ref.description, .title), DetailLine(failure, .danger)] }
            guard let table = catalog.details[ref] else { return [DetailLine(ref.description, .title), DetailLine(state.t(UIText.loading), .muted)] }
            return tableLines(table, state, width: width, glyphs: glyphs)
        case let .section(section)?:
            let failure = TreeNode.section(section).catalogPart.flatMap({ catalog.failures[$0] }).map { DetailLine.wrap($0, width: width, role: .danger) } ?? []
            return [DetailLine(state.t(ExplorerTree.title(section)), .title)] + failure
        case let .connection(id)?:
            guard let connection = catalog.connections?.first(where: { $0.id == id }) else { return [] }
            return facts(title: connection.id, description: connection.description, [
                (UIText.kind, connection.databaseType), (UIText.instance, connection.instance ?? "–"), (UIText.database, connection.database ?? "–"),
            ], state, width: width)
        case let .scheduledQuery(id)?:
            guard let query = catalog.scheduledQueries?.first(where: { $0.id == id }) else { return [] }
            let destination = [query.destination?.description, query.destinationTableTemplate].compactMap { $0 }.joined(separator: ".")
            var lines = facts(title: query.displayName, description: nil, [
                (UIText.schedule, query.scheduleWithZone + (query.disabled ? " (disabled)" : "")),
                (UIText.lastRun, ExplorerTree.runState(query, state.language) + (query.lastRun.map { "  " + Formatting.dateTime($0, timeZone: state.timeZone) } ?? "")),
            ] + (query.lastError.map { [(UIText.error, $0)] } ?? []) + (query.nextRun.map { [(UIText.nextRun, Formatting.dateTime($0, timeZone: state.timeZone))] } ?? []) + [
                (UIText.destination, destination.isEmpty ? "–" : destination),
                (UIText.write, query.writeDisposition ?? "–"),
            ], state, width: width)
            lines += [.blank, DetailLine(state.t(UIText.sql), .header)] + sqlLines(query.query)
            return lines
        case let .stream(id)?:
            guard let stream = catalog.streams?.first(where: { $0.id == id }) else { return [] }
            return facts(title: stream.displayName, description: nil, [
                (UIText.state, stream.state), (UIText.source, "\(stream.sourceType) · \(stream.sourceProfile)"),
                (UIText.objects, stream.sourceObjects.joined(separator: ", ")), (UIText.destination, stream.destination.description),
            ], state, width: width)
        }
    }

    private static func datasetLines(_ dataset: DatasetInfo, _ state: View, width: Int) -> [DetailLine] {
        var rows: [(LocalizedText, String)] = [(UIText.location, dataset.location)]
        if let count = state.catalog.tables[dataset.ref]?.count ?? dataset.tableCount { rows.append((UIText.tables, String(count))) }
        if !dataset.labels.isEmpty { rows.append((UIText.labels, labelText(dataset.labels))) }
        if let created = dataset.created { rows.append((UIText.created, Formatting.dateTime(created, timeZone: state.timeZone))) }
        if let modified = dataset.modified { rows.append((UIText.modified, Formatting.dateTime(modified, timeZone: state.timeZone))) }
        let title = dataset.ref.dataset.rawValue + (dataset.friendlyName.map { "  (\($0))" } ?? "")
        return facts(title: title, description: dataset.description, rows, state, width: width)
    }

    private static func tableLines(_ table: TableInfo, _ state: View, width: Int, glyphs: Glyphs) -> [DetailLine] {
        let language = state.language
        var rows: [(LocalizedText, String)] = [(UIText.kind, table.kind.label.text(language))]
        if let n = table.numRows { rows.append((UIText.rows, Formatting.count(n, language))) }
        if let n = table.numBytes { rows.append((UIText.size, Formatting.bytes(n, language))) }
        if let partitioning = table.partitioning { rows.append((UIText.partitioning, partitioning.summary.text(language))) }
        if !table.clustering.isEmpty { rows.append((UIText.clustering, table.clustering.joined(separator: ", "))) }
        if !table.labels.isEmpty { rows.append((UIText.labels, labelText(table.labels))) }
        if let location = table.location { rows.append((UIText.location, location)) }
        if let created = table.created { rows.append((UIText.created, Formatting.dateTime(created, timeZone: state.timeZone))) }
        if let modified = table.modified { rows.append((UIText.modified, Formatting.dateTime(modified, timeZone: state.timeZone))) }
        if let expires = table.expires { rows.append((UIText.expires, Formatting.dateTime(expires, timeZone: state.timeZone))) }
        let registrations = state.catalog.registrations(of: table.ref)
        var lines = facts(title: "\(table.kind.marker) \(table.ref.table.rawValue)", description: table.description, rows, state, width: width)
        if registrations.isEmpty {
            lines.append(factLine(label(UIText.dataprodukt, state), [.init(text: state.t(UIText.notPublished), role: .muted)]))
        }
        for (product, datasett) in registrations {
            lines.append(factLine(label(UIText.dataprodukt, state), [
                .init(text: "\(product.name) \(glyphs.separator) \(datasett.name)", role: .zoneProduct),
                .init(text: "  (\(datasett.pii.label.text(language)))", role: datasett.pii == .sensitive ? .warn : .muted)]))
        }
        lines.append(.blank)
        lines.append(DetailLine(state.t(UIText.schema), .header))
        let piiTags = registrations.first?.1.source.piiTags ?? [:]
        lines += schemaLines(table, piiTags: piiTags, state, glyphs: glyphs)
        if let query = table.query {
            lines.append(.blank)
            lines.append(DetailLine(state.t(UIText.sql), .header))
            lines += sqlLines(query)
        }
        return lines
    }

    /// The schema as a tree; RECORD fields fold and unfold with Enter.
    private static func schemaLines(_ table: TableInfo, piiTags: [String: PIITag], _ state: View, glyphs: Glyphs) -> [DetailLine] {
        struct Entry { let prefix: String; let field: SchemaField; let path: String }
        var entries: [Entry] = []
        func walk(_ fields: [SchemaField], prefix: String, path: String) {
            for (index, field) in fields.enumerated() {
                let last = index == fields.count - 1
                let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
                let branch = path.isEmpty ? "" : (last ? glyphs.lastBranch : glyphs.branch) + " "
                entries.append(Entry(prefix: prefix + branch, field: field, path: fieldPath))
                if field.isRecord && !state.explorer.collapsedFields.contains("\(table.ref)#\(fieldPath)") {
                    walk(field.fields, prefix: path.isEmpty ? "" : prefix + (last ? "   " : glyphs.pipe + " "), path: fieldPath)
                }
            }
        }
        walk(table.schema, prefix: "", path: "")
        let nameWidth = min(40, (entries.map { DisplayWidth.of($0.prefix + $0.field.name) }.max() ?? 0) + 2)
        return entries.map { entry in
            let key = "\(table.ref)#\(entry.path)"
            let fold = entry.field.isRecord ? (state.explorer.collapsedFields.contains(key) ? glyphs.collapsed : glyphs.expanded) + " " : "  "
            var spans: [DetailLine.Span] = [
                .init(text: fold, role: .accent),
                .init(text: DisplayWidth.pad(entry.prefix + entry.field.name, to: nameWidth), role: .normal),
                .init(text: DisplayWidth.pad(entry.field.type, to: 10), role: .accent),
                .init(text: DisplayWidth.pad(entry.field.mode.rawValue, to: 9), role: .muted),
            ]
            if let tag = piiTags[entry.path] {
                spans.append(.init(text: "⚑ \(tag.label.text(state.language))  ", role: tag == .kanVaereIndirekteIdentifiserende ? .muted : .warn))
            }
            if let description = entry.field.description { spans.append(.init(text: description, role: .dim)) }
            var line = DetailLine(spans, toggle: entry.field.isRecord ? key : nil)
            line.isSchemaRow = true
            line.fullText = entry.field.description
            return line
        }
    }

    private static func sqlLines(_ sql: String) -> [DetailLine] {
        SQLHighlighter.highlight(sql).map { spans in
            var line = DetailLine([.init(text: "  ", role: .normal)] + spans.map { .init(text: $0.text.replacingOccurrences(of: "\t", with: "    "), role: $0.role) })
            line.continuationIndent = 6
            return line
        }
    }

    private static func facts(title: String, description: String?, _ rows: [(LocalizedText, String)], _ state: View, width: Int) -> [DetailLine] {
        var lines = [DetailLine(title, .title)]
        if let description, !description.isEmpty { lines += DetailLine.wrap(description, width: width) }
        lines.append(.blank)
        for (name, value) in rows { lines.append(factLine(label(name, state), [.init(text: value, role: .normal)])) }
        return lines
    }

    /// A label and its value; a long value continues under the value column.
    private static func factLine(_ label: DetailLine.Span, _ value: [DetailLine.Span]) -> DetailLine {
        var line = DetailLine([label] + value)
        line.continuationIndent = 16
        return line
    }

    private static func label(_ text: LocalizedText, _ state: View) -> DetailLine.Span {
        .init(text: DisplayWidth.pad(state.t(text), to: 16), role: .muted)
    }

    private static func labelText(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
