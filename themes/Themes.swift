/// The themes shipped with katalog, carried inside the executable (`ShippedThemeText.swift`,
/// generated from the YAML files beside this one), so a copied binary has them too.
public enum ShippedThemes {
    public static let names = ["default", "light", "high-contrast", "monochrome", "nav"]

    /// The YAML text of a shipped theme, or nil when there is none by that name.
    public static func yaml(named name: String) -> String? {
        text[name]
    }

    /// What error messages call a shipped theme's file.
    public static func path(named name: String) -> String {
        "themes/\(name).yaml (built in)"
    }
}
