import KatalogCore

/// The Lineage screen: the project's graph from sources to dataprodukter, drawn and panned or
/// in columns, the selection's upstream and downstream lit, wide fans collapsed.
struct LineageScreen: Screen {
    var kind: ScreenKind { .lineage }
    var keyScopes: [KeyScope] { columns ? [.lineageColumns, .lineage] : [.lineage] }

    /// The whole graph of the project.
    var graph: LineageGraph?
    /// When focused: the part shown, and the hops it was cut with.
    var focus: (id: String, up: Int, down: Int)?
    /// The focused part, or all of it, with nothing collapsed: what the column view walks
    /// (made by `showLineage`, like the two below).
    var walked: LineageGraph?
    /// What is drawn: `walked` with wide fans collapsed.
    var shown: LineageGraph?
    /// The fans collapsed in `shown`, and the ones the user opened.
    var fans: [CollapsedFan] = []
    var expandedFans: Set<String> = []
    var layout: LayeredLayout?
    var selection: String?
    var panX = 0
    var panY = 0
    var loading = false
    /// `t` toggles: left to right (terminals are wide) or bottom to top (as the team docs draw it).
    var direction: LayeredLayout.Direction = .leftToRight
    /// `L`: the legend of zones, markers and lines.
    var legend = false
    /// `c`: upstream | node | downstream in columns, for graphs too large to draw whole; the
    /// middle column lists `columnList` (what `h`/`l` walked to).
    var columns = false
    var columnList: [String] = []
    /// The last `/` query, for `n`/`N`, and where the selection was before it (Esc goes back).
    var search = ""
    var searchOrigin: String?
    /// While `/` is typed.
    var findInput: TextBuffer?
    /// The node an arrival asked for, checked once the graph is there.
    var wanted: String?

    var isTyping: Bool { findInput != nil }

    /// Nodes in reading order: layer by layer, top to bottom (what Tab walks through).
    var readingOrder: [String] {
        guard let layout else { return [] }
        return layout.layers.flatMap { $0 }.filter { !$0.hasPrefix("~") }
    }

    var subject: Arrival {
        guard let selection, let ref = try? TableRef(parsing: selection) else { return .plain }
        return .table(ref)
    }

    func breadcrumb(_ context: ScreenContext) -> [String] {
        [context.t(UIText.lineage)] + (selection.flatMap { graph?.node($0) }.map { [$0.label] } ?? [])
    }

    /// Shows what was asked for, loading the graph the first time.
    mutating func arrive(_ arrival: Arrival, _ context: inout ScreenContext) {
        switch arrival {
        case .plain, .dataprodukt: break
        case let .table(ref):
            selection = ref.description
            wanted = ref.description
        case let .node(id, hops):
            selection = id
            wanted = id
            focus = hops.map { (id, $0.up, $0.down) }
        }
        if let graph {
            showLineage(graph, context)
            checkWanted(&context)
        } else if !loading {
            loading = true
            context.run(.loadLineage(lineageFile: context.settings.lineageFile))
        }
    }

    mutating func receive(_ event: Event, _ context: inout ScreenContext) {
        guard case let .lineageLoaded(result, notices) = event else { return }
        loading = false
        for notice in notices { context.notify(notice, isError: true) }
        switch result {
        case let .success(graph):
            showLineage(graph, context)
            checkWanted(&context)
        case let .failure(failure) where failure.cancelled:
            context.notify(UIText.lineageCancelled)
        case let .failure(failure): context.notify(failure.message, isError: true)
        }
    }

    /// A node asked for that the graph does not have: said, never silently replaced.
    private mutating func checkWanted(_ context: inout ScreenContext) {
        defer { wanted = nil }
        guard let wanted, let graph, graph.node(wanted) == nil else { return }
        context.notify(UIText.noSuchNode(wanted), isError: true)
        if focus?.id == wanted { focus = nil }
    }

    mutating func resized(_ context: inout ScreenContext) {
        revealSelection(context)
    }
}
