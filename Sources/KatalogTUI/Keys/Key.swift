/// A key press, decoded from ncurses into something screens can match on.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    /// Ctrl-Left/Right, or Alt-B/F: a word at a time in text.
    case wordLeft, wordRight
    case function(Int)

    /// Parses a key as config files and the registry spell it: `j`, `G`, `?`, `space`, `enter`,
    /// `esc`, `ctrl-c`, `pgdn`, `f1`, `shift-tab`, …
    public init?(name: String) {
        switch name.lowercased() {
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "shift-up": self = .shiftUp
        case "shift-down": self = .shiftDown
        case "shift-left": self = .shiftLeft
        case "shift-right": self = .shiftRight
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "backspace": self = .backspace
        case "delete", "del": self = .delete
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        case "ctrl-left", "alt-b": self = .wordLeft
        case "ctrl-right", "alt-f": self = .wordRight
        case "space": self = .character(" ")
        default:
            let lower = name.lowercased()
            if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter {
                self = .control(c)
            } else if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
                self = .function(n)
            } else if name.count == 1, let c = name.first {
                self = .character(c)
            } else {
                return nil
            }
        }
    }

    /// How config.yaml spells it (arrows as words).
    public var configName: String {
        switch self {
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .shiftUp: "shift-up"
        case .shiftDown: "shift-down"
        case .shiftLeft: "shift-left"
        case .shiftRight: "shift-right"
        case .wordLeft: "ctrl-left"
        case .wordRight: "ctrl-right"
        default: name
        }
    }

    /// How help and the footer show it.
    public var name: String {
        switch self {
        case .character(" "): "space"
        case let .character(c): String(c)
        case let .control(c): "ctrl-\(c)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .shiftUp: "shift-↑"
        case .shiftDown: "shift-↓"
        case .shiftLeft: "shift-←"
        case .shiftRight: "shift-→"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .home: "home"
        case .end: "end"
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "backspace"
        case .delete: "del"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .wordLeft: "ctrl-←"
        case .wordRight: "ctrl-→"
        case let .function(n): "f\(n)"
        }
    }
}
