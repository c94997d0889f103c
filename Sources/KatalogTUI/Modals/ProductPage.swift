import KatalogCore

/// A dataprodukt's page, over the screen: what the marketplace shows of it — owner, its
/// datasett with their tables and personal data. Opened with Enter on a datasett in the lineage.
enum ProductPage {
    static func title(slug: String, _ context: ScreenContext) -> String {
        context.catalog.products.first { $0.slug == slug }.map { "★ \($0.name)" } ?? slug
    }

    static func lines(slug: String, _ context: ScreenContext) -> [DetailLine] {
        guard let product = context.catalog.products.first(where: { $0.slug == slug }) else {
            return [DetailLine(context.t(UIText.noSuchProduct(slug)), .muted)]
        }
        return lines(product, context)
    }

    static func lines(_ product: Dataprodukt, _ state: ScreenContext) -> [DetailLine] {
        let language = state.language
        let inner = max(10, OverlayBox.innerWidth(onScreen: state.width))
        let labelWidth = 20
        // A long value wraps under itself, so nothing is cut off.
        func fact(_ label: LocalizedText, _ value: String, _ role: Role = .overlay) -> [DetailLine] {
            DetailLine.wrap(value, width: max(10, inner - labelWidth), role: role).enumerated().map { index, line in
                DetailLine([.init(text: DisplayWidth.pad(index == 0 ? state.t(label) : "", to: labelWidth), role: .muted)] + line.spans)
            }
        }
        var lines: [DetailLine] = []
        if let description = product.description { lines += DetailLine.wrap(description, width: inner, role: .overlay) }
        lines.append(.blank)
        lines += fact(UIText.owner, product.owner.group + (product.owner.teamContact.map { "  #" + $0 } ?? ""))
        if let url = product.owner.teamkatalogenURL { lines += fact(LocalizedText(nb: "Teamkatalogen", en: "Teamkatalogen"), url) }
        lines += fact(LocalizedText(nb: "Adresse", en: "Slug"), product.slug)
        lines += fact(UIText.modified, Formatting.dateTime(product.lastModified, timeZone: state.settings.timeZone))
        for datasett in product.datasett {
            lines.append(.blank)
            lines.append(DetailLine("Datasett «\(datasett.name)»", .header))
            lines += fact(UIText.table, "\(datasett.source.table) (\(datasett.source.tableKind.label.text(language)))", .zoneProduct)
            lines += fact(UIText.personalData, datasett.pii.label.text(language), datasett.pii == .sensitive ? .warn : .overlay)
            if let method = datasett.anonymisationDescription { lines += fact(UIText.anonymisation, method) }
            if !datasett.keywords.isEmpty { lines += fact(UIText.keywords, datasett.keywords.joined(separator: ", ")) }
            if !datasett.source.piiTags.isEmpty {
                let tags = datasett.source.piiTags.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.label.text(language))" }
                lines += fact(UIText.piiColumns, tags.joined(separator: ", "))
            }
        }
        return lines
    }
}
