/// Which screens are open, k9s' way: a stack whose top is shown and whose breadcrumbs are
/// drawn. Number keys replace it with one top-level screen; `L` on a table pushes the Lineage
/// screen, and Esc pops back to the table. Every screen keeps its state while it is away.
struct Navigation: Sendable {
    enum Request: Equatable, Sendable {
        /// On top of the current screen; Esc comes back.
        case push(ScreenKind, Arrival)
        /// Instead of every screen open.
        case switchTo(ScreenKind, Arrival)
        case pop
    }

    private(set) var screens: [ScreenKind: any Screen]
    private(set) var stack: [ScreenKind] = [.explorer]

    init() {
        screens = Dictionary(uniqueKeysWithValues: ScreenKind.allCases.map { ($0, ScreenRegistry.make($0)) })
    }

    var top: ScreenKind { stack.last ?? .explorer }

    subscript(kind: ScreenKind) -> any Screen {
        get { screens[kind]! }
        set { screens[kind] = newValue }
    }

    /// Moves; returns the screen arrived at, or nil when there was nowhere to go.
    mutating func go(_ request: Request) -> ScreenKind? {
        switch request {
        case let .push(kind, _):
            stack.removeAll { $0 == kind }
            stack.append(kind)
        case let .switchTo(kind, _):
            stack = [kind]
        case .pop:
            guard stack.count > 1 else { return nil }
            stack.removeLast()
        }
        return top
    }
}
