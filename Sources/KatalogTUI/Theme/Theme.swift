import Foundation
import KatalogThemes
import KatalogServices
import Yams

/// A mapping from roles to styles, loaded from YAML:
///
///     name: default
///     roles:
///       title: { fg: cyan, attrs: [bold] }
///       selection: { attrs: [reverse] }
///       zone.raw: { fg: "#c8a24a" }
///
/// Roles a theme leaves out look like `normal`.
public struct Theme: Sendable {
    public let name: String
    private let styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: Role) -> Style {
        styles[role] ?? styles[.normal] ?? Style()
    }

    /// The theme every failure falls back to. Built in code, so it can never fail to load.
    public static let fallback = Theme(name: "default", styles: [
        .title: Style(attributes: [.bold]), .selection: Style(attributes: [.reverse]),
        .selectionInactive: Style(attributes: [.underline]), .dim: Style(attributes: [.dim]), .muted: Style(attributes: [.dim]),
        .match: Style(attributes: [.bold, .underline]), .footerKey: Style(attributes: [.bold]), .danger: Style(attributes: [.bold]),
    ])

    /// Parses a theme file; every problem names its line.
    public static func parse(_ text: String, path: String, name: String) throws(YAMLFileError) -> Theme {
        let file = try YAMLFile(path: path, text: text)
        var styles: [Role: Style] = [:]
        for (key, keyNode, value) in try file.mapping(file.root, what: "a theme") {
            switch key {
            case "name", "description": continue
            case "roles":
                for (roleName, roleNode, styleNode) in try file.mapping(value, what: "roles") {
                    guard let role = Role(rawValue: roleName) else {
                        throw file.fail(roleNode, "unknown role '\(roleName)' (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    styles[role] = try parseStyle(styleNode, file: file)
                }
            default:
                throw file.fail(keyNode, "unknown key '\(key)' (a theme has name, description and roles)")
            }
        }
        return Theme(name: name, styles: styles)
    }

    private static func parseStyle(_ node: Node, file: YAMLFile) throws(YAMLFileError) -> Style {
        var style = Style()
        for (key, keyNode, value) in try file.mapping(node, what: "a style") {
            switch key {
            case "fg", "bg":
                let text = try file.string(value, what: key)
                guard let color = Color(parsing: text) else {
                    throw file.fail(value, "'\(text)' is not a colour (use default, a name like red or bright-blue, 0–255, or #rrggbb)")
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
            case "attrs":
                for name in try file.strings(value, what: "attrs") {
                    guard let attribute = Style.Attributes.byName[name] else {
                        throw file.fail(value, "unknown attribute '\(name)' (use bold, dim, reverse, underline, italic)")
                    }
                    style.attributes.insert(attribute)
                }
            default:
                throw file.fail(keyNode, "unknown key '\(key)' in a style (use fg, bg, attrs)")
            }
        }
        return style
    }
}
