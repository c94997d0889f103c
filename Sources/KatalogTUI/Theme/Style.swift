/// A terminal colour as a theme names it.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// 0–255: the 16 ANSI colours, the 6×6×6 cube, the grey ramp.
    case index(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a name (`red`, `bright-blue`), an index `0`–`255` or `#rrggbb`.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        if lower == "default" { self = .terminalDefault; return }
        if let index = Self.names.firstIndex(of: lower) { self = .index(index); return }
        if lower.hasPrefix("bright-"), let index = Self.names.firstIndex(of: String(lower.dropFirst(7))) { self = .index(index + 8); return }
        if let number = Int(lower), (0...255).contains(number) { self = .index(number); return }
        if lower.hasPrefix("#"), lower.count == 7, let value = UInt32(lower.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
            return
        }
        return nil
    }

    /// The colour on a terminal with `colors` colours (8 or 256): an index, or -1 for the
    /// terminal's default. `#rrggbb` is approximated by the nearest palette entry.
    public func index(forTerminalColors colors: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case let .index(n) where n < colors: return n
        case let .index(n): return Self.nearestBasic(to: Self.rgbOfIndex(n))
        case let .rgb(r, g, b): return colors >= 256 ? Self.nearest256(r, g, b) : Self.nearestBasic(to: (Int(r), Int(g), Int(b)))
        }
    }

    private static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    ]

    private static func nearestBasic(to rgb: (Int, Int, Int)) -> Int {
        basic.indices.min { distance(basic[$0], rgb) < distance(basic[$1], rgb) }!
    }

    private static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func level(_ v: UInt8) -> Int { levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) }! }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grey = 232 + min(23, max(0, (average - 8) / 10))
        let target = (Int(r), Int(g), Int(b))
        return distance(rgbOfIndex(cube), target) <= distance(rgbOfIndex(grey), target) ? cube : grey
    }

    static func rgbOfIndex(_ n: Int) -> (Int, Int, Int) {
        switch n {
        case 0..<8: return basic[n]
        case 8..<16: let (r, g, b) = basic[n - 8]; return (min(255, r + 50), min(255, g + 50), min(255, b + 50))
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let c = n - 16
            return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
        default:
            let v = 8 + (n - 232) * 10
            return (v, v, v)
        }
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}

/// How a role looks: colours and attributes.
public struct Style: Hashable, Sendable {
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1)
        public static let dim = Attributes(rawValue: 2)
        public static let reverse = Attributes(rawValue: 4)
        public static let underline = Attributes(rawValue: 8)
        public static let italic = Attributes(rawValue: 16)

        static let byName: [String: Attributes] = ["bold": .bold, "dim": .dim, "reverse": .reverse, "underline": .underline, "italic": .italic]
    }

    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

extension Style {
    /// The style as a terminal with `colors` colours can show it readably on a dark background
    /// and on a light one. With fewer than 16 colours a bright colour becomes its base colour,
    /// bold (bright black, the grey of muted text, becomes the terminal's own colour, dim: it
    /// would be black on black); and on the terminal's own background no text is black or
    /// white, one of which is invisible there — it takes the terminal's own colour instead.
    public func adapted(toColors colors: Int) -> Style {
        guard colors > 0, colors < 256 else { return self }
        var adapted = self
        var foreground = self.foreground.index(forTerminalColors: colors)
        if colors < 16, case let .index(n) = self.foreground, (8..<16).contains(n) {
            foreground = n == 8 ? -1 : n - 8
            adapted.attributes.insert(n == 8 ? .dim : .bold)
        }
        let background = self.background.index(forTerminalColors: colors)
        if background == -1, foreground == 0 || foreground == 7 {
            foreground = -1
            if self.foreground != .index(0) && self.foreground != .index(7) { adapted.attributes.insert(.dim) }  // a grey
        }
        adapted.foreground = foreground == -1 ? .terminalDefault : .index(foreground)
        adapted.background = background == -1 ? .terminalDefault : .index(background)
        return adapted
    }
}
