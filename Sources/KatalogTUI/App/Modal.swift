import KatalogCore

/// What is drawn over the screen and takes every key until it closes: help, the message log,
/// a dataprodukt's page, a confirmation. They stack; Esc closes the top one.
enum Modal: Equatable, Sendable {
    case help(ListState)
    case messages(ListState)
    /// A dataprodukt's page, by slug.
    case product(slug: String, ListState)
    /// A row's details (the Access screen's Enter): a title and lines of text from the data.
    case details(title: String, lines: [String], ListState)
    /// Asks first; the effects run only on an explicit yes.
    case confirmation(Confirmation, onConfirm: [Effect])

    var productSlug: String? {
        if case let .product(slug, _) = self { slug } else { nil }
    }
}
