import Foundation

/// The themes shipped with katalog (the YAML files beside this one).
public enum ShippedThemes {
    public static let names = ["default", "light", "high-contrast", "monochrome", "nav"]

    /// The YAML text of a shipped theme, or nil when there is none by that name.
    public static func yaml(named name: String) -> String? {
        guard names.contains(name), let url = Bundle.module.url(forResource: name, withExtension: "yaml") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Where a shipped theme's file is, for error messages.
    public static func path(named name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: "yaml")?.path ?? "themes/\(name).yaml"
    }
}
