import Foundation
import KatalogCore
import KatalogServices

extension AppState {
    /// The first effects: everything the Explorer shows.
    public static let startEffects: [Effect] = [.loadLastKnown, .loadDatasets, .loadProducts, .loadTransfers]

    /// Counts background work the runtime has started, for the spinner; each result event
    /// counts it down again.
    public mutating func started(_ effects: [Effect]) {
        inFlight += effects.reduce(0) { $0 + $1.resultCount }
    }

    /// Turns one event into the next state, and the background work it needs.
    public mutating func handle(_ event: Event, keys: KeyRegistry) -> [Effect] {
        switch event {
        case let .key(key):
            return handleKey(key, keys: keys)
        case let .resize(width, height):
            self.width = width
            self.height = height
            keepSelectionVisible()
            return []
        case .tick:
            tick += 1
            if let toast, toast.until < tick { self.toast = nil }
            return []
        case let .mouse(x, y, button):
            return handleMouse(x: x, y: y, button: button)
        case let .datasetsLoaded(result):
            inFlight -= 1
            switch result {
            case let .success(datasets):
                explorer.datasets = datasets
                explorer.lastKnownFrom = nil
                if explorer.selection == nil, let first = datasets.first { explorer.selection = .dataset(first.ref) }
                return datasets.map { .loadTables($0.ref) }
            case let .failure(failure):
                if explorer.datasets == nil { explorer.datasets = [] }
                notify(failure.message, isError: true)
                return []
            }
        case let .tablesLoaded(ref, result):
            inFlight -= 1
            switch result {
            case let .success(tables): explorer.tables[ref] = tables
            case let .failure(failure): explorer.failures[.dataset(ref)] = failure.message.text(language)
            }
            if let target = explorer.pendingGoto, target.datasetRef == ref { return goto(target) }
            return []
        case let .tableDetailsLoaded(ref, result):
            inFlight -= 1
            switch result {
            case let .success(tables):
                explorer.tables[ref] = tables
                for table in tables {
                    explorer.details[table.ref] = table
                    explorer.failures[.table(table.ref)] = nil
                }
                explorer.failures[.dataset(ref)] = nil
                notify(UIText.datasetRefreshed(ref.dataset.rawValue, tables: tables.count), isError: false)
            case let .failure(failure): explorer.failures[.dataset(ref)] = failure.message.text(language)
            }
            return []
        case let .tableLoaded(ref, result):
            inFlight -= 1
            explorer.loadingDetails.remove(ref)
            switch result {
            case let .success(table):
                explorer.details[ref] = table
                explorer.failures[.table(ref)] = nil
            case let .failure(failure):
                explorer.failures[.table(ref)] = failure.message.text(language)
            }
            return []
        case let .productsLoaded(result):
            inFlight -= 1
            switch result {
            case let .success(products): explorer.products = products
            case let .failure(failure): notify(failure.message, isError: true)
            }
            return []
        case let .connectionsLoaded(result):
            inFlight -= 1
            settle(result, into: \.connections, section: .connections)
            return []
        case let .scheduledQueriesLoaded(result):
            inFlight -= 1
            settle(result, into: \.scheduledQueries, section: .scheduledQueries)
            return []
        case let .streamsLoaded(result):
            inFlight -= 1
            settle(result, into: \.streams, section: .streams)
            return []
        case let .themeLoaded(name, error):
            if let error {
                notify(error, isError: true)
            } else {
                themeName = name
                notify(UIText.themeSet(name), isError: false)
            }
            return []
        case let .lastKnownLoaded(datasets, tables):
            // Only until the backend answers: fresh data always wins.
            guard explorer.datasets == nil else { return [] }
            explorer.datasets = datasets.value
            for (ref, known) in tables where explorer.tables[ref] == nil { explorer.tables[ref] = known.value }
            explorer.lastKnownFrom = datasets.fetched
            if explorer.selection == nil, let first = datasets.value.first { explorer.selection = .dataset(first.ref) }
            return []
        case let .offlineChanged(notice):
            if notice != nil && explorer.offline == nil { notify(UIText.offline(notice!.reason), isError: true) }
            explorer.offline = notice
            return []
        case let .lineageLoaded(result, notices):
            inFlight -= 1
            lineage.loading = false
            for notice in notices { notify(notice, isError: true) }
            switch result {
            case let .success(graph): showLineage(graph)
            case let .failure(failure): notify(failure.message, isError: true)
            }
            return []
        case let .notice(text, isError):
            notify(text, isError: isError)
            return []
        }
    }

    /// Shows a toast and keeps it in the `:messages` log.
    mutating func notify(_ text: LocalizedText, isError: Bool) {
        // Every toast and log line: no secret katalog holds, whatever an error quotes.
        let message = Secrets.shared.redact(t(text))
        toast = Toast(text: message, isError: isError, until: tick + (isError ? 60 : 30))
        messages.append(LogMessage(tick: tick, text: message, isError: isError))
    }

    private mutating func settle<T>(_ result: Result<[T], LoadFailure>, into path: WritableKeyPath<ExplorerState, [T]?>, section: TreeNode.Section) {
        switch result {
        case let .success(items): explorer[keyPath: path] = items
        case let .failure(failure):
            explorer[keyPath: path] = nil
            explorer.failures[.section(section)] = failure.message.text(language)
        }
    }

    // MARK: Keys

    private mutating func handleKey(_ key: Key, keys: KeyRegistry) -> [Effect] {
        if input != nil { return handleInput(key) }
        if overlay != nil {
            guard let binding = keys.binding(for: key, in: [.help, .global]) else { return [] }
            scrollOverlay(binding.action)
            return []
        }
        guard let binding = keys.binding(for: key, in: keyScopes) else { return [] }
        if let reason = binding.disabledReason {
            notify(UIText.disabled(binding.description, reason), isError: false)
            return []
        }
        return perform(binding.action)
    }

    private mutating func scrollOverlay(_ action: KeyAction) {
        guard let overlay else { return }
        var scroll: Int
        switch overlay {
        case let .help(s), let .messages(s), let .product(_, s): scroll = s
        }
        switch action {
        case .moveDown: scroll += 1
        case .moveUp: scroll -= 1
        case .pageDown: scroll += max(1, height - 6)
        case .pageUp: scroll -= max(1, height - 6)
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        case .back, .help, .quit: self.overlay = nil; return
        default: return
        }
        scroll = max(0, scroll)
        switch overlay {
        case .help: self.overlay = .help(scroll: scroll)
        case let .product(slug, _): self.overlay = .product(slug: slug, scroll: scroll)
        case .messages: self.overlay = .messages(scroll: scroll)
        }
    }

    mutating func perform(_ action: KeyAction) -> [Effect] {
        switch action {
        case .screenLineage: return openLineage(focus: nil)
        case .openLineage:
            guard case let .table(ref)? = explorer.selection else {
                notify(UIText.selectATable, isError: false)
                return []
            }
            return openLineage(focus: ref.description)
        case .screenExplorer:
            screen = .explorer
            return []
        default:
            if screen == .lineage, let effects = performInLineage(action) { return effects }
        }
        let rows = ExplorerTree.rows(self)
        let layout = Layout(width: width, height: height)
        switch action {
        case .quit:
            shouldQuit = true
        case .help:
            overlay = .help(scroll: 0)
        case .messages:
            overlay = .messages(scroll: 0)
        case .back:
            if !explorer.filter.isEmpty {
                explorer.filter = ""
            } else if explorer.focus == .details {
                explorer.focus = .tree
            } else if let parent = explorer.selection?.parent {
                explorer.selection = parent
            }
        case .filter:
            input = InputLine(kind: .filter, text: explorer.filter)
        case .command:
            input = InputLine(kind: .command, text: "")
        case .nextMatch, .previousMatch:
            guard !explorer.filter.isEmpty else {
                notify(UIText.noFilter, isError: false)
                break
            }
            let matches = rows.filter { !$0.isContext }
            guard !matches.isEmpty else { break }
            let current = matches.firstIndex { $0.node == explorer.selection } ?? -1
            let next = action == .nextMatch ? (current + 1) % matches.count : (current - 1 + matches.count) % matches.count
            explorer.selection = matches[next].node
        case .switchPane:
            explorer.focus = explorer.focus == .tree ? .details : .tree
        case .screenExplorer, .screenLineage, .openLineage, .nextNode, .previousNode, .panLeft, .panRight, .panUp, .panDown, .focusNode, .toggleDirection,
             .selectLeft, .selectRight, .selectUp, .selectDown, .toggleFan, .toggleLegend, .toggleColumns, .walkUpstream, .walkDownstream:
            break  // the Lineage screen's, handled above
        case .screenPublish, .screenAccess:
            break  // disabled in the registry until their screens exist
        case .copyReference:
            guard case let .table(ref)? = explorer.selection else {
                notify(UIText.selectATable, isError: false)
                break
            }
            notify(UIText.reference(ref.quoted, copied: clipboardEnabled), isError: false)
            return clipboardEnabled ? [.copyToClipboard(ref.description)] : []
        case .refresh:
            return refreshSelection()
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            if explorer.focus == .details { moveDetails(action, layout: layout); return [] }
            guard !rows.isEmpty else { break }
            let current = rows.firstIndex { $0.node == explorer.selection } ?? 0
            let page = max(1, layout.bodyHeight - 1)
            let target: Int
            switch action {
            case .moveDown: target = current + 1
            case .moveUp: target = current - 1
            case .pageDown: target = current + page
            case .pageUp: target = current - page
            case .top: target = 0
            default: target = rows.count - 1
            }
            return select(rows[min(rows.count - 1, max(0, target))].node)
        case .open, .expand:
            if explorer.focus == .details { toggleField(layout: layout); return [] }
            guard let row = rows.first(where: { $0.node == explorer.selection }) else { break }
            if row.expandable {
                if row.expanded && action == .open { explorer.expanded.remove(row.node) } else { explorer.expanded.insert(row.node) }
            } else if action == .open, case .table = row.node {
                explorer.focus = .details
            }
        case .collapse:
            if explorer.focus == .details { toggleField(layout: layout, fold: true); return [] }
            guard let node = explorer.selection else { break }
            if explorer.expanded.contains(node) {
                explorer.expanded.remove(node)
            } else if let parent = node.parent {
                explorer.selection = parent
            }
        }
        keepSelectionVisible()
        return []
    }

    /// Selects a row and loads what its details need.
    mutating func select(_ node: TreeNode) -> [Effect] {
        explorer.selection = node
        explorer.detailCursor = 0
        explorer.detailScroll = 0
        keepSelectionVisible()
        if case let .table(ref) = node, explorer.details[ref] == nil, !explorer.loadingDetails.contains(ref) {
            explorer.loadingDetails.insert(ref)
            return [.loadTable(ref)]
        }
        return []
    }

    private mutating func refreshSelection() -> [Effect] {
        switch explorer.selection {
        case let .table(ref)?:
            explorer.details[ref] = nil
            return select(.table(ref))
        case let .dataset(ref)?:
            // The whole dataset, details and all, in a few queries: it then browses without
            // another call, offline too.
            return [.loadTableDetails(ref)]
        default:
            return Self.startEffects
        }
    }

    mutating func keepSelectionVisible() {
        let rows = ExplorerTree.rows(self)
        let height = Layout(width: width, height: self.height).bodyHeight
        guard let index = rows.firstIndex(where: { $0.node == explorer.selection }) else {
            explorer.scroll = min(explorer.scroll, max(0, rows.count - height))
            return
        }
        if index < explorer.scroll { explorer.scroll = index }
        if index >= explorer.scroll + height { explorer.scroll = index - height + 1 }
        explorer.scroll = max(0, min(explorer.scroll, max(0, rows.count - height)))
    }

    private mutating func moveDetails(_ action: KeyAction, layout: Layout) {
        let count = DetailView.lines(self, width: layout.detailsWidth, glyphs: .unicode).count
        let page = max(1, layout.bodyHeight - 1)
        var cursor = explorer.detailCursor
        switch action {
        case .moveDown: cursor += 1
        case .moveUp: cursor -= 1
        case .pageDown: cursor += page
        case .pageUp: cursor -= page
        case .top: cursor = 0
        default: cursor = count - 1
        }
        explorer.detailCursor = max(0, min(count - 1, cursor))
        if explorer.detailCursor < explorer.detailScroll { explorer.detailScroll = explorer.detailCursor }
        if explorer.detailCursor >= explorer.detailScroll + layout.bodyHeight { explorer.detailScroll = explorer.detailCursor - layout.bodyHeight + 1 }
    }

    private mutating func toggleField(layout: Layout, fold: Bool? = nil) {
        let lines = DetailView.lines(self, width: layout.detailsWidth, glyphs: .unicode)
        guard explorer.detailCursor < lines.count, let key = lines[explorer.detailCursor].toggle else { return }
        let folded = explorer.collapsedFields.contains(key)
        if fold ?? !folded { explorer.collapsedFields.insert(key) } else { explorer.collapsedFields.remove(key) }
    }

    // MARK: Typing a filter or a command

    private mutating func handleInput(_ key: Key) -> [Effect] {
        guard var line = input else { return [] }
        if line.kind == .findNode {
            handleFindInput(key, line)
            return []
        }
        switch key {
        case .escape:
            if line.kind == .filter { explorer.filter = "" }
            input = nil
            keepSelectionVisible()
            return []
        case .enter:
            input = nil
            if line.kind == .command { return runCommand(line.text) }
            return selectFirstMatch()
        case .backspace, .delete:
            if line.text.isEmpty { input = nil; return [] }
            line.text.removeLast()
        case .tab where line.kind == .command:
            line.text = CommandCompletion.complete(line.text, state: self)
        case let .character(character):
            line.text.append(character)
        default:
            return []
        }
        input = line
        if line.kind == .filter {
            explorer.filter = line.text
            return selectFirstMatch()
        }
        return []
    }

    /// Keeps the selection on a match while the filter changes.
    private mutating func selectFirstMatch() -> [Effect] {
        let rows = ExplorerTree.rows(self)
        if rows.contains(where: { $0.node == explorer.selection && !$0.isContext }) { keepSelectionVisible(); return [] }
        guard let first = rows.first(where: { !$0.isContext }) else { return [] }
        return select(first.node)
    }

    private mutating func runCommand(_ text: String) -> [Effect] {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return [] }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "q", "quit": shouldQuit = true
        case "help": overlay = .help(scroll: 0)
        case "messages", "msgs": overlay = .messages(scroll: 0)
        case "theme":
            guard !argument.isEmpty else {
                notify(UIText.themes(themeNames, current: themeName), isError: false)
                return []
            }
            return [.loadTheme(argument)]
        case "lineage":
            // `2+dataset.table+1`: hops up, the table, hops down (dbt's selector syntax).
            let pattern = argument.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            let (up, name, down): (Int, String, Int) = pattern.count == 3 ? (Int(pattern[0]) ?? 2, pattern[1], Int(pattern[2]) ?? 2)
                : pattern.count == 2 && Int(pattern[0]) != nil ? (Int(pattern[0])!, pattern[1], 0)
                : pattern.count == 2 ? (0, pattern[0], Int(pattern[1]) ?? 0) : (2, argument, 2)
            guard !name.isEmpty else { return openLineage(focus: nil) }
            do {
                let ref = try TableRef(parsing: name, defaultProject: project)
                lineage.focus = nil
                return openLineage(focus: ref.description, hops: (up, down))
            } catch {
                notify(error.message, isError: true)
            }
        case "goto":
            do {
                return goto(try TableRef(parsing: argument, defaultProject: project))
            } catch {
                notify(error.message, isError: true)
            }
        default:
            notify(UIText.unknownCommand(TerminalText.line(name)), isError: true)
        }
        return []
    }

    /// Selects a table anywhere in the project, expanding its dataset.
    mutating func goto(_ ref: TableRef) -> [Effect] {
        explorer.filter = ""
        let dataset = TreeNode.dataset(ref.datasetRef)
        guard explorer.datasets?.contains(where: { $0.ref == ref.datasetRef }) == true else {
            notify(UIText.notLoaded(ref.description), isError: true)
            return []
        }
        explorer.expanded.insert(dataset)
        guard let tables = explorer.tables[ref.datasetRef] else {
            explorer.pendingGoto = ref
            return []
        }
        explorer.pendingGoto = nil
        guard tables.contains(where: { $0.ref == ref }) else {
            notify(UIText.notLoaded(ref.description), isError: true)
            return []
        }
        explorer.focus = .tree
        return select(.table(ref))
    }

    // MARK: Mouse

    private mutating func handleMouse(x: Int, y: Int, button: MouseButton) -> [Effect] {
        let layout = Layout(width: width, height: height)
        switch button {
        case .wheelDown: return perform(.moveDown)
        case .wheelUp: return perform(.moveUp)
        case .click:
            guard y >= layout.bodyTop, y < layout.bodyTop + layout.bodyHeight else { return [] }
            if x < layout.treeWidth {
                let rows = ExplorerTree.rows(self)
                let index = explorer.scroll + (y - layout.bodyTop)
                guard index < rows.count else { return [] }
                explorer.focus = .tree
                return select(rows[index].node)
            }
            explorer.focus = .details
            explorer.detailCursor = explorer.detailScroll + (y - layout.bodyTop)
            return []
        }
    }
}
