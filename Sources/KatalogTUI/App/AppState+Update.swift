import Foundation
import KatalogCore
import KatalogServices

extension AppState {
    /// The first effects: everything the Explorer shows.
    public static let startEffects: [Effect] = [.loadLastKnown, .loadDatasets, .loadProducts, .loadTransfers]

    /// Counts background work the runtime has started, for the spinner (each result event
    /// counts it down again), and lets the catalog note what is loading.
    public mutating func started(_ effects: [Effect]) {
        inFlight += effects.reduce(0) { $0 + $1.resultCount }
        for effect in effects { catalog.started(effect) }
    }

    /// Turns one event into the next state, and the background work it needs.
    public mutating func handle(_ event: Event, keys: KeyRegistry) -> [Effect] {
        switch event {
        case let .key(key):
            return handleKey(key, keys: keys)
        case let .paste(text):
            return paste(text)
        case let .resize(width, height):
            self.width = width
            self.height = height
            return forEachScreen { screen, context in screen.resized(&context) }
        case .tick:
            tick += 1
            if let toast, toast.until < tick { self.toast = nil }
            return withScreen { screen, context in screen.tick(&context) }
        case let .mouse(x, y, button):
            return click(x: x, y: y, button: button)
        case let .themeLoaded(name, error):
            if let error {
                notify(error, isError: true)
            } else {
                themeName = name
                notify(UIText.themeSet(name), isError: false)
            }
            return []
        case let .notice(text, isError):
            notify(text, isError: isError)
            return []
        case let .detailsReady(title, lines):
            modals.append(.details(title: title, lines: lines, ListState()))
            return []
        case let .auditLoaded(.success(events)):
            let lines = events.isEmpty ? [t(LocalizedText(nb: "Ingen endringer i loggen.", en: "No changes in the log."))] : events.map { event in
                "\(Formatting.dateTime(event.time, timeZone: timeZone))  \(event.actor)  \(event.action)  \(event.status.rawValue)  \(event.detail)"
                    + (event.backend == AuditEvent.localBackend ? "" : "  [\(event.backend)]")
            }
            modals.append(.details(title: t(LocalizedText(nb: "Revisjonslogg", en: "Audit log")), lines: lines, ListState()))
            return []
        case let .auditLoaded(.failure(failure)):
            notify(failure.message, isError: true)
            return []
        case let .impactLoaded(.success(impact)):
            modals.append(.details(title: t(LocalizedText(nb: "Påvirkning: \(impact.table)", en: "Impact: \(impact.table)")), lines: UIText.impact(impact, language, timeZone), ListState()))
            return []
        case let .impactLoaded(.failure(failure)):
            notify(failure.message, isError: true)
            return []
        case let .deletionImpactLoaded(.success(impact)):
            let product = impact.dataprodukt
            let lines = impact.lines.map(t) + [t(LocalizedText(nb: "Skriv «\(product.name)» for å slette.", en: "Type “\(product.name)” to delete."))]
            modals.append(.confirmation(Confirmation(title: t(LocalizedText(nb: "Slette dataproduktet?", en: "Delete the dataprodukt?")), lines: lines,
                                                     dangerous: true, typed: product.name),
                                        onConfirm: [.deleteDataprodukt(id: product.id, name: product.name)]))
            return []
        case let .deletionImpactLoaded(.failure(failure)):
            notify(failure.message, isError: true)
            return []
        case let .dataproduktDeleted(name, result):
            switch result {
            case .success:
                if modals.last?.productSlug != nil { modals.removeLast() }
                notify(LocalizedText(nb: "Slettet «\(name)».", en: "Deleted “\(name)”."), isError: false)
                return [.loadProducts]
            case let .failure(failure):
                notify(failure.message, isError: true)
                return []
            }
        case let .userRefreshed(result):
            inFlight -= 1
            switch result {
            case let .success(user):
                notify(UIText.signedIn(user), isError: false)
                // Other groups may own other dataprodukter.
                return [.loadProducts]
            case let .failure(failure):
                notify(failure.message, isError: true)
                return []
            }
        default:
            // A load result: into the catalog, then to every screen that cares.
            if event.isLoadResult { inFlight -= 1 }
            if let (text, isError) = catalog.apply(event, language: language) { notify(text, isError: isError) }
            return forEachScreen { screen, context in screen.receive(event, &context) }
        }
    }

    /// Shows a toast and keeps it in the `:messages` log: a message of several lines (every
    /// mistake in a file) becomes one log line each, and the toast says there are more.
    mutating func notify(_ text: LocalizedText, isError: Bool) {
        // Every toast and log line: no secret katalog holds, whatever an error quotes.
        let lines = Secrets.shared.redact(t(text)).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard let first = lines.first else { return }
        let more = lines.count > 1 ? t(UIText.moreInLog(lines.count - 1)) : ""
        toast = Toast(text: first + more, isError: isError, until: tick + (isError ? 60 : 30))
        for line in lines { messages.append(LogMessage(tick: tick, text: line, isError: isError)) }
    }

    // MARK: Screens

    /// Lets the shown screen act, then carries out what it asked for.
    mutating func withScreen(_ body: (inout any Screen, inout ScreenContext) -> Void) -> [Effect] {
        var context = self.context
        let kind = navigation.top
        var screen = navigation[kind]
        body(&screen, &context)
        navigation[kind] = screen
        return settle(context)
    }

    /// The same for every screen (a load result, a resize), shown or not.
    private mutating func forEachScreen(_ body: (inout any Screen, inout ScreenContext) -> Void) -> [Effect] {
        var effects: [Effect] = []
        for kind in ScreenKind.allCases {
            var context = self.context
            var screen = navigation[kind]
            body(&screen, &context)
            navigation[kind] = screen
            effects += settle(context)
        }
        return effects
    }

    /// Carries out a screen's requests: notices, modals, navigation; returns its effects.
    private mutating func settle(_ context: ScreenContext) -> [Effect] {
        for notice in context.notices { notify(notice.text, isError: notice.isError) }
        modals += context.modals
        var effects = context.effects
        if let request = context.navigation { effects += navigate(request) }
        return effects
    }

    /// Goes to a screen and tells it why.
    mutating func navigate(_ request: Navigation.Request) -> [Effect] {
        guard navigation.go(request) != nil else { return [] }
        switch request {
        case let .push(_, arrival), let .switchTo(_, arrival):
            return withScreen { screen, context in screen.arrive(arrival, &context) }
        case .pop:
            return []
        }
    }

    // MARK: Keys

    private mutating func handleKey(_ key: Key, keys: KeyRegistry) -> [Effect] {
        if commandLine != nil { return typeCommand(key) }
        if !modals.isEmpty { return handleModal(key, keys: keys) }
        if screen.isTyping { return withScreen { screen, context in screen.type(key, &context) } }
        guard let binding = keys.binding(for: key, in: keyScopes) else { return [] }
        if let reason = binding.disabledReason {
            notify(UIText.disabled(binding.description, reason), isError: false)
            return []
        }
        return perform(binding.action)
    }

    /// A key's action: the screen's first, then the app's.
    mutating func perform(_ action: KeyAction) -> [Effect] {
        var handled = false
        let effects = withScreen { screen, context in handled = screen.perform(action, &context) }
        if handled { return effects }
        switch action {
        case .quit: shouldQuit = true
        case .help: modals.append(.help(ListState()))
        case .messages: modals.append(.messages(ListState()))
        case .whoAmI: return [.refreshUser]
        case .command: commandLine = TextBuffer()
        case .screenExplorer: return navigate(.switchTo(.explorer, .plain))
        case .screenPublish: return navigate(.switchTo(.publish, .plain))
        case .screenAccess: return navigate(.switchTo(.access, .plain))
        // `2` on a table: its lineage.
        case .screenLineage: return navigate(.switchTo(.lineage, screen.subject))
        case .back:
            // Back from a screen pushed on another; from a top-level one, home — with what the
            // screen started on the way out (a build it stops).
            if navigation.stack.count > 1 { return effects + navigate(.pop) }
            if navigation.top != .explorer { return effects + navigate(.switchTo(.explorer, .plain)) }
        default: break
        }
        return effects
    }

    private mutating func paste(_ text: String) -> [Effect] {
        if commandLine != nil { commandLine?.insert(text); return [] }
        guard modals.isEmpty else { return [] }
        return withScreen { screen, context in screen.paste(text, &context) }
    }

    // MARK: Modals

    private mutating func handleModal(_ key: Key, keys: KeyRegistry) -> [Effect] {
        guard let top = modals.last else { return [] }
        if case let .confirmation(confirmation, effects) = top {
            var updated = confirmation
            switch updated.handle(key) {
            case .confirmed?: modals.removeLast(); return effects
            case .cancelled?: modals.removeLast()
            case nil: modals[modals.count - 1] = .confirmation(updated, onConfirm: effects)
            }
            return []
        }
        // On a dataprodukt's page: `p` the wizard, adding a datasett to it; `D` delete it.
        if let slug = top.productSlug, let binding = keys.binding(for: key, in: [.explorer]) {
            switch binding.action {
            case .publishTable:
                modals.removeLast()
                return navigate(.switchTo(.publish, .dataprodukt(slug)))
            case .deleteDataprodukt:
                return [.loadDeletionImpact(slug: slug)]
            default:
                break
            }
        }
        guard let binding = keys.binding(for: key, in: [.help, .global]) else { return [] }
        let move: ListState.Move
        switch binding.action {
        case .moveDown: move = .down
        case .moveUp: move = .up
        case .pageDown: move = .pageDown
        case .pageUp: move = .pageUp
        case .top: move = .top
        case .bottom: move = .bottom
        case .back, .help, .quit:
            modals.removeLast()
            return []
        default: return []
        }
        let count = modalLines(top, keys: keys).count
        let height = OverlayBox.visibleLines(onScreen: self.height)
        switch top {
        case var .help(list): list.scroll(move, count: count, height: height); modals[modals.count - 1] = .help(list)
        case var .messages(list): list.scroll(move, count: count, height: height); modals[modals.count - 1] = .messages(list)
        case .product(let slug, var list): list.scroll(move, count: count, height: height); modals[modals.count - 1] = .product(slug: slug, list)
        case .details(let title, let lines, var list): list.scroll(move, count: count, height: height); modals[modals.count - 1] = .details(title: title, lines: lines, list)
        case .confirmation: break
        }
        return []
    }

    /// What a scrolling modal shows.
    func modalLines(_ modal: Modal, keys: KeyRegistry = KeyRegistry()) -> [DetailLine] {
        switch modal {
        case .help: HelpOverlay.lines(scopes: screen.keyScopes + [.global], keys: keys, context)
        case .messages: MessagesOverlay.lines(messages, context)
        case let .product(slug, _): ProductPage.lines(slug: slug, context)
        case let .details(_, lines, _): lines.flatMap { DetailLine.wrap($0, width: max(10, OverlayBox.innerWidth(onScreen: width)), role: .overlay) }
        case .confirmation: []
        }
    }

    // MARK: The command line

    private mutating func typeCommand(_ key: Key) -> [Effect] {
        guard var line = commandLine else { return [] }
        completions = []
        switch line.prompt(key) {
        case .cancelled, .closed:
            commandLine = nil
        case .submitted:
            commandLine = nil
            return runCommand(line.text)
        case .edited:
            commandLine = line
        case .ignored:
            guard key == .tab else { break }
            let result = CommandCompletion.complete(line.text, catalog: catalog, themes: themeNames)
            commandLine = TextBuffer(result.text)
            completions = result.candidates
        }
        return []
    }

    private mutating func runCommand(_ text: String) -> [Effect] {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return [] }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "q", "quit": shouldQuit = true
        case "help": modals.append(.help(ListState()))
        case "messages", "msgs": modals.append(.messages(ListState()))
        case "whoami": return [.refreshUser]
        case "publish": return navigate(.switchTo(.publish, .plain))
        case "access": return navigate(.switchTo(.access, .plain))
        case "audit": return [.loadAudit]
        case "theme":
            guard !argument.isEmpty else {
                notify(UIText.themes(themeNames, current: themeName), isError: false)
                return []
            }
            return [.loadTheme(argument)]
        case "lineage":
            // dbt's selector syntax: `2+dataset.table+1`, `+table`, `table+`.
            guard !argument.isEmpty else { return navigate(.switchTo(.lineage, .plain)) }
            guard let selector = LineageSelector(parsing: argument) else {
                notify(UIText.badSelector(argument), isError: true)
                return []
            }
            do {
                let ref = try TableRef(parsing: selector.name, defaultProject: project)
                return navigate(.switchTo(.lineage, .node(ref.description, hops: .init(up: selector.up, down: selector.down))))
            } catch {
                notify(error.message, isError: true)
            }
        case "goto":
            do {
                return navigate(.switchTo(.explorer, .table(try TableRef(parsing: argument, defaultProject: project))))
            } catch {
                notify(error.message, isError: true)
            }
        default:
            notify(UIText.unknownCommand(TerminalText.line(name)), isError: true)
        }
        return []
    }

    // MARK: Mouse

    /// A click goes to what is under the pointer: the top modal (which ignores it), else the
    /// shown screen, if the click is inside it.
    private mutating func click(x: Int, y: Int, button: MouseButton) -> [Effect] {
        guard modals.isEmpty, commandLine == nil else { return [] }
        let body = context.body
        guard body.contains(x: x, y: y) || button != .click else { return [] }
        return withScreen { screen, context in screen.click(x: x, y: y, button: button, in: body, &context) }
    }
}
