import KatalogCore

/// The one list of key bindings. The footer hints, the `?` overlay and `docs/keys.md` are all
/// generated from it; `--read-only` removes every dangerous binding here, in one place; users
/// rebind actions in config.yaml.
public struct KeyRegistry: Sendable {
    public private(set) var bindings: [KeyBinding]

    public init(readOnly: Bool = false, overrides: [KeyAction: [Key]] = [:]) {
        var bindings = Self.defaults.filter { !(readOnly && $0.dangerous) }
        for index in bindings.indices {
            if let keys = overrides[bindings[index].action] { bindings[index].keys = keys }
        }
        self.bindings = bindings
    }

    /// The binding a key triggers in the given scopes, innermost scope first.
    public func binding(for key: Key, in scopes: [KeyScope]) -> KeyBinding? {
        for scope in scopes {
            if let match = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) { return match }
        }
        return nil
    }

    /// Bindings to show in the footer for these scopes, innermost first; a key an inner scope
    /// takes over is not shown again for an outer one.
    public func footer(in scopes: [KeyScope]) -> [KeyBinding] {
        var taken = Set<Key>()
        var shown: [KeyBinding] = []
        for scope in scopes {
            let own = bindings.filter { $0.scope == scope }
            shown += own.filter { $0.inFooter && !$0.keys.allSatisfy(taken.contains) }
            taken.formUnion(own.flatMap(\.keys))
        }
        return shown
    }

    public func bindings(in scope: KeyScope) -> [KeyBinding] {
        bindings.filter { $0.scope == scope }
    }

    /// `docs/keys.md`, generated: a test fails when the committed file differs.
    public func markdown() -> String {
        var out = """
            # Key bindings

            Generated from the key registry (`Sources/KatalogTUI/Keys/KeyRegistry.swift`) by
            `katalog keys --markdown`; do not edit by hand. Rebind any action in
            `$XDG_CONFIG_HOME/katalog/config.yaml` under `keys:` (see `docs/configuration.md`).
            Actions marked *changes data* are hidden under `--read-only`.

            """
        for scope in KeyScope.allCases {
            let rows = bindings(in: scope)
            if rows.isEmpty { continue }
            out += "\n## \(Self.scopeTitle(scope).en)\n\n| keys | action | what it does |\n|---|---|---|\n"
            for binding in rows {
                var what = binding.description.en
                if binding.dangerous { what += " *(changes data)*" }
                if let reason = binding.disabledReason { what += " — not yet: \(reason.en)" }
                let keys = binding.keys.map { "`\($0.configName)`" }.joined(separator: ", ")
                out += "| \(keys) | `\(binding.action.rawValue)` | \(what) |\n"
            }
        }
        return out
    }

    public static func scopeTitle(_ scope: KeyScope) -> LocalizedText {
        switch scope {
        case .global: LocalizedText(nb: "Overalt", en: "Everywhere")
        case .explorer: LocalizedText(nb: "Utforsker", en: "Explorer")
        case .lineage: LocalizedText(nb: "Lineage", en: "Lineage")
        case .lineageColumns: LocalizedText(nb: "Lineage i kolonner", en: "Lineage in columns")
        case .publish: LocalizedText(nb: "Publiseringsveiviseren", en: "The publish wizard")
        case .access: LocalizedText(nb: "Tilgangsstyring", en: "Access review")
        case .help: LocalizedText(nb: "Hjelp og meldinger", en: "Help and messages")
        }
    }


    static let defaults: [KeyBinding] = [
        KeyBinding(.moveDown, ["j", "down"], scope: .global, LocalizedText(nb: "Flytt ned", en: "Move down"), label: LocalizedText(nb: "flytt", en: "move")),
        KeyBinding(.moveUp, ["k", "up"], scope: .global, LocalizedText(nb: "Flytt opp", en: "Move up"), label: LocalizedText(nb: "opp", en: "up")),
        KeyBinding(.pageDown, ["pgdn", "ctrl-d"], scope: .global, LocalizedText(nb: "En side ned", en: "Page down"), label: LocalizedText(nb: "side ned", en: "page down")),
        KeyBinding(.pageUp, ["pgup", "ctrl-u"], scope: .global, LocalizedText(nb: "En side opp", en: "Page up"), label: LocalizedText(nb: "side opp", en: "page up")),
        KeyBinding(.top, ["g", "home"], scope: .global, LocalizedText(nb: "Til toppen", en: "Go to the top"), label: LocalizedText(nb: "topp", en: "top")),
        KeyBinding(.bottom, ["G", "end"], scope: .global, LocalizedText(nb: "Til bunnen", en: "Go to the bottom"), label: LocalizedText(nb: "bunn", en: "bottom")),
        KeyBinding(.back, ["esc"], scope: .global, LocalizedText(nb: "Tilbake; lukk filter, kommandolinje eller hjelp", en: "Back; close the filter, command line or help"),
                   label: LocalizedText(nb: "tilbake", en: "back")),
        KeyBinding(.filter, ["/"], scope: .global, LocalizedText(nb: "Filtrer listen (fuzzy)", en: "Filter the list (fuzzy)"),
                   label: LocalizedText(nb: "filter", en: "filter"), footer: true),
        KeyBinding(.nextMatch, ["n"], scope: .global, LocalizedText(nb: "Neste treff", en: "Next match"), label: LocalizedText(nb: "neste", en: "next")),
        KeyBinding(.previousMatch, ["N"], scope: .global, LocalizedText(nb: "Forrige treff", en: "Previous match"), label: LocalizedText(nb: "forrige", en: "previous")),
        KeyBinding(.command, [":"], scope: .global, LocalizedText(nb: "Kommandolinje (:goto, :access, :audit, :theme, :whoami, :quit); tab fullfører",
                                                                   en: "Command line (:goto, :access, :audit, :theme, :whoami, :quit); tab completes"),
                   label: LocalizedText(nb: "kommando", en: "command"), footer: true),
        KeyBinding(.help, ["?"], scope: .global, LocalizedText(nb: "Vis alle taster", en: "Show every key"), label: LocalizedText(nb: "hjelp", en: "help"), footer: true),
        KeyBinding(.messages, ["M"], scope: .global, LocalizedText(nb: "Meldingsloggen", en: "The message log"), label: LocalizedText(nb: "meldinger", en: "messages")),
        KeyBinding(.whoAmI, ["W"], scope: .global, LocalizedText(nb: "Spør markedsplassen på nytt hvem du er (gruppene kan ha endret seg); også :whoami",
                                                                 en: "Ask the marketplace again who you are (your groups may have changed); also :whoami"),
                   label: LocalizedText(nb: "hvem er jeg", en: "who am I")),
        KeyBinding(.screenExplorer, ["1"], scope: .global, LocalizedText(nb: "Utforskeren", en: "The Explorer"), label: LocalizedText(nb: "utforsker", en: "explorer")),
        KeyBinding(.screenLineage, ["2"], scope: .global, LocalizedText(nb: "Lineage: råsone → dataprodukt", en: "Lineage: råsone → dataprodukt"),
                   label: LocalizedText(nb: "lineage", en: "lineage")),
        KeyBinding(.screenPublish, ["3"], scope: .global, LocalizedText(nb: "Publiser et dataprodukt: veiviseren (også :publish)", en: "Publish a dataprodukt: the wizard (also :publish)"),
                   label: LocalizedText(nb: "publiser", en: "publish"), dangerous: true),
        KeyBinding(.screenAccess, ["4"], scope: .global, LocalizedText(nb: "Tilgangsstyring: søknader, tilganger, risiko, avvik (også :access)",
                                                                        en: "Access review: requests, grants, risks, drift (also :access)"),
                   label: LocalizedText(nb: "tilganger", en: "access")),
        KeyBinding(.quit, ["q"], scope: .global, LocalizedText(nb: "Avslutt", en: "Quit"), label: LocalizedText(nb: "avslutt", en: "quit"), footer: true),

        KeyBinding(.open, ["enter"], scope: .explorer, LocalizedText(nb: "Åpne: vis detaljer, fold ut datasett eller RECORD-felt", en: "Open: show details, expand a dataset or RECORD field"),
                   label: LocalizedText(nb: "åpne", en: "open"), footer: true),
        KeyBinding(.expand, ["l", "right", "space"], scope: .explorer, LocalizedText(nb: "Fold ut", en: "Expand"), label: LocalizedText(nb: "fold ut", en: "expand")),
        KeyBinding(.collapse, ["h", "left"], scope: .explorer, LocalizedText(nb: "Fold sammen / til forelder", en: "Collapse / go to the parent"),
                   label: LocalizedText(nb: "fold inn", en: "collapse")),
        KeyBinding(.switchPane, ["tab", "shift-tab"], scope: .explorer, LocalizedText(nb: "Bytt mellom listen og detaljene", en: "Switch between the list and the details"),
                   label: LocalizedText(nb: "bytt rute", en: "pane"), footer: true),
        KeyBinding(.copyReference, ["y"], scope: .explorer, LocalizedText(nb: "Vis hele tabellreferansen for kopiering", en: "Show the full table reference to copy"),
                   label: LocalizedText(nb: "kopier", en: "copy"), footer: true),
        KeyBinding(.openLineage, ["L"], scope: .explorer, LocalizedText(nb: "Lineage for den valgte tabellen", en: "Lineage of the selected table"),
                   label: LocalizedText(nb: "lineage", en: "lineage"), footer: true),
        KeyBinding(.refresh, ["R"], scope: .explorer, LocalizedText(nb: "Last inn utvalget på nytt (et datasett: alle tabellene med detaljer)",
                                                                        en: "Reload the selection (a dataset: all its tables with their details)"), label: LocalizedText(nb: "last inn", en: "reload")),

        KeyBinding(.nextNode, ["tab"], scope: .lineage, LocalizedText(nb: "Neste node", en: "Next node"), label: LocalizedText(nb: "neste", en: "next"), footer: true),
        KeyBinding(.previousNode, ["shift-tab"], scope: .lineage, LocalizedText(nb: "Forrige node", en: "Previous node"), label: LocalizedText(nb: "forrige", en: "previous")),
        KeyBinding(.panLeft, ["h", "left"], scope: .lineage, LocalizedText(nb: "Panorer til venstre", en: "Pan left"), label: LocalizedText(nb: "panorer", en: "pan")),
        KeyBinding(.panRight, ["l", "right"], scope: .lineage, LocalizedText(nb: "Panorer til høyre", en: "Pan right"), label: LocalizedText(nb: "panorer", en: "pan")),
        KeyBinding(.panUp, ["k", "up"], scope: .lineage, LocalizedText(nb: "Panorer opp", en: "Pan up"), label: LocalizedText(nb: "panorer", en: "pan")),
        KeyBinding(.panDown, ["j", "down"], scope: .lineage, LocalizedText(nb: "Panorer ned", en: "Pan down"), label: LocalizedText(nb: "panorer", en: "pan")),
        KeyBinding(.focusNode, ["f"], scope: .lineage, LocalizedText(nb: "Bare noden med to ledd opp og ned (igjen: hele grafen); også :lineage 2+tabell+1",
                                                                        en: "Only the node with two hops up and down (again: the whole graph); also :lineage 2+table+1"),
                   label: LocalizedText(nb: "fokus", en: "focus"), footer: true),
        KeyBinding(.toggleDirection, ["t"], scope: .lineage, LocalizedText(nb: "Venstre→høyre eller nedenfra og opp", en: "Left to right, or bottom to top"),
                   label: LocalizedText(nb: "retning", en: "direction")),
        KeyBinding(.selectLeft, ["shift-left"], scope: .lineage, LocalizedText(nb: "Velg nærmeste node til venstre", en: "Select the nearest node to the left"),
                   label: LocalizedText(nb: "velg", en: "select")),
        KeyBinding(.selectRight, ["shift-right"], scope: .lineage, LocalizedText(nb: "Velg nærmeste node til høyre", en: "Select the nearest node to the right"),
                   label: LocalizedText(nb: "velg", en: "select")),
        KeyBinding(.selectUp, ["shift-up"], scope: .lineage, LocalizedText(nb: "Velg nærmeste node over", en: "Select the nearest node above"),
                   label: LocalizedText(nb: "velg", en: "select")),
        KeyBinding(.selectDown, ["shift-down"], scope: .lineage, LocalizedText(nb: "Velg nærmeste node under", en: "Select the nearest node below"),
                   label: LocalizedText(nb: "velg", en: "select")),
        KeyBinding(.open, ["enter"], scope: .lineage, LocalizedText(nb: "Åpne tabellen i utforskeren, datasettets dataproduktside; på «+N til»: fold ut viften",
                                                                    en: "Open the table in the Explorer, a datasett's dataprodukt page; on “+N more”: expand the fan"),
                   label: LocalizedText(nb: "åpne", en: "open"), footer: true),
        KeyBinding(.filter, ["/"], scope: .lineage, LocalizedText(nb: "Finn en node og hopp dit mens du skriver (n/N: neste/forrige treff)",
                                                                  en: "Find a node, jumping to it as you type (n/N: next/previous match)"),
                   label: LocalizedText(nb: "finn", en: "find"), footer: true),
        KeyBinding(.toggleFan, ["x"], scope: .lineage, LocalizedText(nb: "Fold ut «+N til», eller fold viften noden står i sammen igjen",
                                                                     en: "Expand “+N more”, or collapse the fan the node is in again"),
                   label: LocalizedText(nb: "vifte", en: "fan")),
        KeyBinding(.toggleColumns, ["c"], scope: .lineage, LocalizedText(nb: "Kolonnevisning: oppstrøms | node | nedstrøms (igjen: tegningen)",
                                                                         en: "Column view: upstream | node | downstream (again: the drawing)"),
                   label: LocalizedText(nb: "kolonner", en: "columns"), footer: true),
        KeyBinding(.toggleLegend, ["L"], scope: .lineage, LocalizedText(nb: "Vis eller skjul tegnforklaringen", en: "Show or hide the legend"),
                   label: LocalizedText(nb: "forklaring", en: "legend"), footer: true),
        KeyBinding(.walkUpstream, ["h", "left"], scope: .lineageColumns, LocalizedText(nb: "Gå oppstrøms: midten blir nodene som leses fra",
                                                                                       en: "Walk upstream: the middle becomes what the node reads"),
                   label: LocalizedText(nb: "oppstrøms", en: "upstream"), footer: true),
        KeyBinding(.walkDownstream, ["l", "right"], scope: .lineageColumns, LocalizedText(nb: "Gå nedstrøms: midten blir nodene som leser den",
                                                                                          en: "Walk downstream: the middle becomes what reads the node"),
                   label: LocalizedText(nb: "nedstrøms", en: "downstream"), footer: true),
        KeyBinding(.moveDown, ["j", "down"], scope: .lineageColumns, LocalizedText(nb: "Neste i midtkolonnen", en: "Next in the middle column"),
                   label: LocalizedText(nb: "flytt", en: "move")),
        KeyBinding(.moveUp, ["k", "up"], scope: .lineageColumns, LocalizedText(nb: "Forrige i midtkolonnen", en: "Previous in the middle column"),
                   label: LocalizedText(nb: "opp", en: "up")),
        KeyBinding(.publishTable, ["p"], scope: .explorer, LocalizedText(nb: "Publiser den valgte tabellen som datasett", en: "Publish the selected table as a datasett"),
                   label: LocalizedText(nb: "publiser", en: "publish"), dangerous: true),

        KeyBinding(.impact, ["i"], scope: .explorer, LocalizedText(nb: "Hva som berøres om tabellen endres: alt nedstrøms, og hvem som mister data",
                                                                 en: "What a change to the table touches: everything downstream, and who loses data"),
                   label: LocalizedText(nb: "påvirkning", en: "impact")),
        KeyBinding(.impact, ["i"], scope: .lineage, LocalizedText(nb: "Hva som berøres om tabellen endres: alt nedstrøms, og hvem som mister data",
                                                                en: "What a change to the table touches: everything downstream, and who loses data"),
                   label: LocalizedText(nb: "påvirkning", en: "impact")),
        KeyBinding(.deleteDataprodukt, ["D"], scope: .explorer, LocalizedText(
                        nb: "På et dataprodukts side: slett det (sier hvem som mister tilgang; skriv navnet for å bekrefte)",
                        en: "On a dataprodukt's page: delete it (says who loses access; type the name to confirm)"),
                   label: LocalizedText(nb: "slett", en: "delete"), dangerous: true),

        KeyBinding(.open, ["enter"], scope: .access, LocalizedText(nb: "Detaljer: Polly-lenken, tabellens PII, hele teksten", en: "Details: the Polly link, the table's PII, the whole text"),
                   label: LocalizedText(nb: "detaljer", en: "details"), footer: true),
        KeyBinding(.nextTab, ["tab", "right"], scope: .access, LocalizedText(nb: "Neste fane", en: "Next tab"), label: LocalizedText(nb: "fane", en: "tab"), footer: true),
        KeyBinding(.previousTab, ["shift-tab", "left"], scope: .access, LocalizedText(nb: "Forrige fane", en: "Previous tab"), label: LocalizedText(nb: "forrige", en: "previous")),
        KeyBinding(.mark, ["space"], scope: .access, LocalizedText(nb: "Merk raden (og gå videre)", en: "Mark the row (and move on)"), label: LocalizedText(nb: "merk", en: "mark")),
        KeyBinding(.markRange, ["v"], scope: .access, LocalizedText(nb: "Merk et område: v her, v der", en: "Mark a range: v here, v there"), label: LocalizedText(nb: "område", en: "range")),
        KeyBinding(.approve, ["a"], scope: .access, LocalizedText(nb: "Godkjenn søknaden (spør først)", en: "Approve the request (asks first)"),
                   label: LocalizedText(nb: "godkjenn", en: "approve"), footer: true, dangerous: true),
        KeyBinding(.deny, ["d"], scope: .access, LocalizedText(nb: "Avslå søknaden: skriv begrunnelsen (spør først)", en: "Deny the request: type the reason (asks first)"),
                   label: LocalizedText(nb: "avslå", en: "deny"), footer: true, dangerous: true),
        KeyBinding(.approveMarked, ["A"], scope: .access, LocalizedText(nb: "Godkjenn alle merkede", en: "Approve every marked one"),
                   label: LocalizedText(nb: "godkjenn merkede", en: "approve marked"), dangerous: true),
        KeyBinding(.denyMarked, ["D"], scope: .access, LocalizedText(nb: "Avslå alle merkede", en: "Deny every marked one"),
                   label: LocalizedText(nb: "avslå merkede", en: "deny marked"), dangerous: true),
        KeyBinding(.revoke, ["r"], scope: .access, LocalizedText(nb: "Trekk tilgangen (eller de merkede; spør først)", en: "Revoke the grant (or the marked ones; asks first)"),
                   label: LocalizedText(nb: "trekk", en: "revoke"), footer: true, dangerous: true),
        KeyBinding(.newGrant, ["g"], scope: .access, LocalizedText(nb: "Ny tilgang til datasettet: type:e-post og utløpsdato eller aldri (spør først)", en: "A new grant on the datasett: type:email and an expiry or never (asks first)"),
                   label: LocalizedText(nb: "gi tilgang", en: "grant"), dangerous: true),
        KeyBinding(.extend, ["e"], scope: .access, LocalizedText(nb: "Gi tilgangen ny utløpsdato (spør først)", en: "Give the grant a new expiry (asks first)"),
                   label: LocalizedText(nb: "forleng", en: "extend"), dangerous: true),
        KeyBinding(.fixDrift, ["f"], scope: .access, LocalizedText(nb: "Rett avviket, eller gjør det risikoen ber om (spør først)", en: "Reconcile the drift, or do what the risk asks (asks first)"),
                   label: LocalizedText(nb: "rett", en: "fix"), dangerous: true),
        KeyBinding(.undo, ["u"], scope: .access, LocalizedText(nb: "Angre siste endring som kan angres (en tilbaketrekking, en tilgang; spør først)",
                                                               en: "Undo the last change that can be undone (a revoke, a grant; asks first)"),
                   label: LocalizedText(nb: "angre", en: "undo"), dangerous: true),
        KeyBinding(.toggleHistory, ["x"], scope: .access, LocalizedText(nb: "Vis også trukne og utløpte tilganger", en: "Show revoked and expired grants too"),
                   label: LocalizedText(nb: "historikk", en: "history")),
        KeyBinding(.refresh, ["R"], scope: .access, LocalizedText(nb: "Hent alt på nytt", en: "Load everything again"), label: LocalizedText(nb: "last inn", en: "reload")),

        // The wizard reads its keys itself (its fields take text); listed here for help and docs.
        KeyBinding(.nextPage, ["ctrl-n", "pgdn"], scope: .publish, LocalizedText(nb: "Neste side (når siden er uten problemer)", en: "Next page (when the page has no problems)"),
                   label: LocalizedText(nb: "neste side", en: "next page"), footer: true),
        KeyBinding(.previousPage, ["ctrl-p", "pgup"], scope: .publish, LocalizedText(nb: "Forrige side", en: "Previous page"),
                   label: LocalizedText(nb: "forrige side", en: "previous page"), footer: true),
        KeyBinding(.nextField, ["tab", "shift-tab"], scope: .publish, LocalizedText(nb: "Neste / forrige felt", en: "Next / previous field"),
                   label: LocalizedText(nb: "felt", en: "field"), footer: true),
        KeyBinding(.openEditor, ["ctrl-e"], scope: .publish, LocalizedText(nb: "Skriv beskrivelsen i $EDITOR", en: "Write the description in $EDITOR"),
                   label: LocalizedText(nb: "editor", en: "editor")),
        KeyBinding(.changeClass, ["left", "right"], scope: .publish, LocalizedText(nb: "Velg i et valgfelt; bytt PII-klasse på en kolonne", en: "Choose in a choice field; change a column's PII class"),
                   label: LocalizedText(nb: "velg", en: "choose")),
        KeyBinding(.acceptSuggestion, ["a"], scope: .publish, LocalizedText(nb: "Godta forslaget på kolonnen", en: "Accept the suggestion on the column"),
                   label: LocalizedText(nb: "godta", en: "accept")),
        KeyBinding(.acceptAllSuggestions, ["A"], scope: .publish, LocalizedText(nb: "Godta alle forslag", en: "Accept every suggestion"),
                   label: LocalizedText(nb: "godta alle", en: "accept all")),
        KeyBinding(.togglePseudonymised, ["p"], scope: .publish, LocalizedText(nb: "Pseudonymiser kolonnen (eller ikke)", en: "Pseudonymise the column (or not)"),
                   label: LocalizedText(nb: "pseudonymiser", en: "pseudonymise")),
        KeyBinding(.submit, ["enter"], scope: .publish, LocalizedText(nb: "På oversikten: send inn (spør først; 1–4 åpner en side)", en: "On the review: submit (asks first; 1–4 open a page)"),
                   label: LocalizedText(nb: "send inn", en: "submit"), dangerous: true),
        KeyBinding(.leaveWizard, ["esc"], scope: .publish, LocalizedText(nb: "Ut av veiviseren; utkastet er lagret", en: "Leave the wizard; the draft is saved"),
                   label: LocalizedText(nb: "ut", en: "leave"), footer: true),
        KeyBinding(.back, ["esc", "q", "?"], scope: .help, LocalizedText(nb: "Lukk", en: "Close"), label: LocalizedText(nb: "lukk", en: "close"), footer: true),
    ]
}
