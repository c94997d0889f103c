import KatalogCore

/// A dataprodukt's page, over the screen: what the marketplace shows of it — owner, its
/// datasett with their tables and personal data. Opened with Enter on a datasett in the lineage.
enum ProductPage {
    static func draw(_ state: AppState, slug: String, scroll: Int, into canvas: inout Canvas) {
        guard let product = state.explorer.products.first(where: { $0.slug == slug }) else {
            OverlayBox.draw(title: slug, hint: state.t(UIText.closeHint), lines: [DetailLine(state.t(UIText.noSuchProduct(slug)), .muted)],
                            scroll: 0, into: &canvas)
            return
        }
        OverlayBox.draw(title: "★ \(product.name)", hint: state.t(UIText.closeHint), lines: lines(product, state), scroll: scroll, into: &canvas)
    }

    static func lines(_ product: Dataprodukt, _ state: AppState) -> [DetailLine] {
        let language = state.language
        func fact(_ label: LocalizedText, _ value: String, _ role: Role = .overlay) -> DetailLine {
            DetailLine([.init(text: DisplayWidth.pad(state.t(label), to: 20), role: .muted), .init(text: value, role: role)])
        }
        var lines: [DetailLine] = []
        if let description = product.description { lines += description.split(separator: "\n", omittingEmptySubsequences: false).map { DetailLine(String($0), .overlay) } }
        lines.append(.blank)
        lines.append(fact(UIText.owner, product.owner.group + (product.owner.teamContact.map { "  #" + $0 } ?? "")))
        if let url = product.owner.teamkatalogenURL { lines.append(fact(LocalizedText(nb: "Teamkatalogen", en: "Teamkatalogen"), url)) }
        lines.append(fact(LocalizedText(nb: "Adresse", en: "Slug"), product.slug))
        lines.append(fact(UIText.modified, Formatting.dateTime(product.lastModified, timeZone: state.timeZone)))
        for datasett in product.datasett {
            lines.append(.blank)
            lines.append(DetailLine("Datasett «\(datasett.name)»", .header))
            lines.append(fact(UIText.table, "\(datasett.source.table) (\(datasett.source.tableKind.label.text(language)))", .zoneProduct))
            lines.append(fact(UIText.personalData, datasett.pii.label.text(language), datasett.pii == .sensitive ? .warn : .overlay))
            if let method = datasett.anonymisationDescription { lines.append(fact(UIText.anonymisation, method)) }
            if !datasett.keywords.isEmpty { lines.append(fact(UIText.keywords, datasett.keywords.joined(separator: ", "))) }
            if !datasett.source.piiTags.isEmpty {
                let tags = datasett.source.piiTags.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.label.text(language))" }
                lines.append(fact(UIText.piiColumns, tags.joined(separator: ", ")))
            }
        }
        return lines
    }
}
