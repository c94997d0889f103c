import Foundation
import KatalogServices
import KatalogCore

/// Every sentence the terminal UI says, in bokmål and English. Screens name these; nothing
/// user-facing is spelt inline elsewhere. Domain words (dataprodukt, datasett, råsone) stay
/// Norwegian in both.
public enum UIText {
    static let loading = LocalizedText(nb: "laster …", en: "loading …")
    static let explorer = LocalizedText(nb: "Utforsker", en: "Explorer")
    static let lineage = LocalizedText(nb: "Lineage", en: "Lineage")
    static let lineageCancelled = LocalizedText(nb: "Lineage-byggingen er stoppet; 2 bygger den på nytt.",
                                                en: "Building the lineage was stopped; 2 builds it again.")
    static let publish = LocalizedText(nb: "Publiser", en: "Publish")
    static let access = LocalizedText(nb: "Tilganger", en: "Access")
    static let connections = LocalizedText(nb: "Tilkoblinger", en: "Connections")
    static let scheduledQueries = LocalizedText(nb: "Planlagte spørringer", en: "Scheduled queries")
    static let streams = LocalizedText(nb: "Datastream-strømmer", en: "Datastream streams")
    static let couldNotLoad = LocalizedText(nb: "Kunne ikke lastes", en: "Could not be loaded")
    static let noTables = LocalizedText(nb: "(ingen tabeller)", en: "(no tables)")
    static let nothingSelected = LocalizedText(nb: "Velg noe i listen til venstre.", en: "Select something in the list on the left.")
    static let notPublished = LocalizedText(nb: "ikke publisert", en: "not published")
    static let schema = LocalizedText(nb: "Skjema", en: "Schema")
    static let sql = LocalizedText(nb: "SQL", en: "SQL")
    static let kind = LocalizedText(nb: "Type", en: "Kind")
    static let rows = LocalizedText(nb: "Rader", en: "Rows")
    static let size = LocalizedText(nb: "Størrelse", en: "Size")
    static let partitioning = LocalizedText(nb: "Partisjonering", en: "Partitioning")
    static let clustering = LocalizedText(nb: "Klynging", en: "Clustering")
    static let labels = LocalizedText(nb: "Etiketter", en: "Labels")
    static let created = LocalizedText(nb: "Opprettet", en: "Created")
    static let modified = LocalizedText(nb: "Sist endret", en: "Modified")
    static let expires = LocalizedText(nb: "Utløper", en: "Expires")
    static let location = LocalizedText(nb: "Lokasjon", en: "Location")
    static let tables = LocalizedText(nb: "Tabeller", en: "Tables")
    static let dataprodukt = LocalizedText(nb: "Dataprodukt", en: "Dataprodukt")
    static let schedule = LocalizedText(nb: "Kjøres", en: "Schedule")
    static let lastRun = LocalizedText(nb: "Siste kjøring", en: "Last run")
    static let destination = LocalizedText(nb: "Mål", en: "Destination")
    static let write = LocalizedText(nb: "Skriving", en: "Write")
    static let instance = LocalizedText(nb: "Instans", en: "Instance")
    static let database = LocalizedText(nb: "Database", en: "Database")
    static let source = LocalizedText(nb: "Kilde", en: "Source")
    static let objects = LocalizedText(nb: "Objekter", en: "Objects")
    static let state = LocalizedText(nb: "Tilstand", en: "State")
    static let help = LocalizedText(nb: "Hjelp", en: "Help")
    static let messages = LocalizedText(nb: "Meldinger", en: "Messages")
    static let noMessages = LocalizedText(nb: "Ingen meldinger ennå.", en: "No messages yet.")
    static let closeHint = LocalizedText(nb: "esc lukker", en: "esc closes")
    static let readOnly = LocalizedText(nb: "skrivebeskyttet", en: "read-only")
    static func badSelector(_ text: String) -> LocalizedText {
        LocalizedText(nb: "«\(TerminalText.line(text))» nevner ingen tabell. Skriv for eksempel :lineage 2+rasone.tabell_1+1, +rasone.tabell_1 eller rasone.tabell_1+.",
                      en: "“\(TerminalText.line(text))” names no table. Write for example :lineage 2+rasone.tabell_1+1, +rasone.tabell_1 or rasone.tabell_1+.")
    }

    static func noSuchNode(_ id: String) -> LocalizedText {
        LocalizedText(nb: "\(TerminalText.line(id)) er ikke i lineagen (finnes ikke, eller ingenting leser eller skriver den).",
                      en: "\(TerminalText.line(id)) is not in the lineage (it does not exist, or nothing reads or writes it).")
    }

    static func moreInLog(_ count: Int) -> LocalizedText {
        LocalizedText(nb: "  (+\(count) til: M viser alle)", en: "  (+\(count) more: M shows them all)")
    }

    static let error = LocalizedText(nb: "Feil", en: "Error")
    static let nextRun = LocalizedText(nb: "Neste kjøring", en: "Next run")
    static let yes = LocalizedText(nb: "Ja", en: "Yes")
    static let no = LocalizedText(nb: "Nei", en: "No")
    public static let localWorkspace = LocalizedText(nb: "lokal arbeidsflate", en: "local workspace")
    /// The demo: say so, so its project name is never taken for production.
    public static let demoWorkspace = LocalizedText(nb: "demoarbeidsflate (frakoblet)", en: "demo workspace (offline)")
    public static let readOnlyWorkspace = LocalizedText(nb: "skrivebeskyttet arbeidsflate", en: "read-only workspace")

    /// Where data comes from when the marketplace is Datamarkedsplassen itself (the demo is
    /// then no longer offline).
    public static func withMarketplace(_ warehouse: LocalizedText, host: String) -> LocalizedText {
        let local = warehouse == demoWorkspace ? LocalizedText(nb: "demoarbeidsflate", en: "demo workspace") : warehouse
        return LocalizedText(nb: "\(local.nb) og Datamarkedsplassen (\(host))", en: "\(local.en) and Datamarkedsplassen (\(host))")
    }

    /// Who the marketplace says the user is; data, so made safe for the terminal.
    static func signedIn(_ user: UserContext) -> LocalizedText {
        let who = "\(TerminalText.line(user.name)) <\(TerminalText.line(user.email))>"
        let groups = user.groups.map { TerminalText.line($0) }.joined(separator: ", ")
        return LocalizedText(nb: "Innlogget som \(who) — grupper: \(groups.isEmpty ? "ingen" : groups)",
                             en: "Signed in as \(who) — groups: \(groups.isEmpty ? "none" : groups)")
    }

    /// `i` on a table: what is downstream, then who would lose data, by dataprodukt.
    static func impact(_ impact: Impact, _ language: Language, _ timeZone: TimeZone) -> [String] {
        func t(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }
        var lines = impact.downstream.isEmpty ? [t("Ingenting leser fra tabellen.", "Nothing reads from the table.")]
            : [t("Nedstrøms:", "Downstream:")] + impact.downstream.map { "  \($0.label)  (\($0.zone.title.text(language)))" }
        for (product, datasett, grantees) in impact.affected {
            lines += ["", "★ \(product.name) › \(datasett.name)"]
            lines += grantees.isEmpty ? [t("  ingen har tilgang", "  nobody has access")] : grantees.map { grant in
                "  \(grant.subject.iamMember)  " + t("utløper ", "expires ") + (grant.expires.map { Formatting.date($0, timeZone: timeZone) } ?? t("aldri", "never"))
            }
        }
        if !impact.affected.isEmpty {
            let people = impact.affected.reduce(0) { $0 + $1.grantees.count }
            lines += ["", t("\(impact.affected.count) datasett berøres; \(people) tilganger kan miste data.", "\(impact.affected.count) datasett are affected; \(people) grants could lose data.")]
        }
        return lines
    }

    public static func cloud(_ endpoint: String, emulator: Bool) -> LocalizedText {
        emulator ? LocalizedText(nb: "BigQuery-emulator \(endpoint)", en: "BigQuery emulator \(endpoint)")
            : LocalizedText(nb: "BigQuery (\(endpoint))", en: "BigQuery (\(endpoint))")
    }
    static let noMatches = LocalizedText(nb: "ingen treff", en: "no matches")
    static func offline(_ reason: LocalizedText) -> LocalizedText {
        LocalizedText(nb: "Frakoblet — viser det som ble hentet tidligere. \(reason.nb)", en: "Offline — showing what was fetched earlier. \(reason.en)")
    }

    static func offlineSince(_ time: String) -> LocalizedText {
        LocalizedText(nb: "⚠ frakoblet — viser data hentet \(time)", en: "⚠ offline — showing cached data from \(time)")
    }

    static func waitingFor(_ backend: String) -> LocalizedText {
        LocalizedText(nb: "venter på svar fra \(backend) …", en: "waiting for \(backend) to answer …")
    }

    static let offlineNothingCached = LocalizedText(nb: "⚠ frakoblet — ingenting hentet ennå", en: "⚠ offline — nothing cached yet")

    static func lastKnown(_ time: String) -> LocalizedText {
        LocalizedText(nb: "hurtiglager fra \(time), oppdaterer …", en: "cache from \(time), refreshing …")
    }

    static func notATable(_ label: String) -> LocalizedText {
        LocalizedText(nb: "«\(label)» er ikke en tabell i prosjektet, så den har ingen side i utforskeren.",
                      en: "“\(label)” is not a table in the project, so it has no page in the Explorer.")
    }

    static func moreNodes(_ count: Int) -> LocalizedText { LocalizedText(nb: "+\(count) til", en: "+\(count) more") }
    static func tablesWithoutLineage(_ count: Int) -> LocalizedText {
        LocalizedText(nb: "+\(count) tabeller uten lineage", en: "+\(count) tables without lineage")
    }
    static func noFanHere(_ limit: Int) -> LocalizedText {
        LocalizedText(nb: "Ingen vifte her: x folder ut «+N til», og sammen igjen en vifte du har foldet ut (over \(limit) naboer).",
                      en: "No fan here: x expands “+N more”, and collapses a fan you expanded (over \(limit) neighbours).")
    }
    static func datasetRefreshed(_ name: String, tables: Int) -> LocalizedText {
        LocalizedText(nb: "\(name): \(tables) tabeller lastet inn med alle detaljer.", en: "\(name): \(tables) tables loaded with all their details.")
    }
    static func noSuchProduct(_ slug: String) -> LocalizedText {
        LocalizedText(nb: "Finner ikke dataproduktet «\(slug)» på markedsplassen.", en: "The dataprodukt “\(slug)” is not on the marketplace.")
    }
    static let owner = LocalizedText(nb: "Eier", en: "Owner")
    static let table = LocalizedText(nb: "Tabell", en: "Table")
    static let personalData = LocalizedText(nb: "Personopplysninger", en: "Personal data")
    static let anonymisation = LocalizedText(nb: "Anonymisering", en: "Anonymisation")
    static let keywords = LocalizedText(nb: "Nøkkelord", en: "Keywords")
    static let piiColumns = LocalizedText(nb: "PII-kolonner", en: "PII columns")
    static let noSearch = LocalizedText(nb: "Ingen søk ennå; trykk / for å finne en node.", en: "No search yet; press / to find a node.")
    static func noNodeMatches(_ query: String) -> LocalizedText {
        LocalizedText(nb: "Ingen node passer «\(TerminalText.line(query))».", en: "No node matches “\(TerminalText.line(query))”.")
    }
    static let nothingUpstream = LocalizedText(nb: "Ingenting oppstrøms: noden leser ingen andre.", en: "Nothing upstream: the node reads nothing else.")
    static let nothingDownstream = LocalizedText(nb: "Ingenting nedstrøms: ingen leser noden.", en: "Nothing downstream: nothing reads the node.")
    static let upstream = LocalizedText(nb: "Oppstrøms", en: "Upstream")
    static let downstream = LocalizedText(nb: "Nedstrøms", en: "Downstream")
    static let legend = LocalizedText(nb: "Tegnforklaring", en: "Legend")
    static let noLineage = LocalizedText(nb: "Ingen lineage ennå.", en: "No lineage yet.")

    static let noFilter = LocalizedText(nb: "Ingen filter er satt; trykk / for å filtrere.", en: "No filter is set; press / to filter.")
    static let selectATable = LocalizedText(nb: "Velg en tabell for å kopiere referansen.", en: "Select a table to copy its reference.")

    /// What `y` did: the exact text it copied, or only showed (`clipboard: false`).
    static func reference(_ quoted: String, copied: Bool) -> LocalizedText {
        copied ? LocalizedText(nb: "Kopierte \(quoted)", en: "Copied \(quoted)")
            : LocalizedText(nb: "\(quoted) (kopiering er slått av: clipboard: false)", en: "\(quoted) (copying is off: clipboard: false)")
    }

    static func themes(_ names: [String], current: String) -> LocalizedText {
        LocalizedText(nb: "Temaer: \(names.joined(separator: ", ")) (nå: \(current)).", en: "Themes: \(names.joined(separator: ", ")) (now: \(current)).")
    }

    static func tooSmall(width: Int, height: Int) -> LocalizedText {
        LocalizedText(nb: "Terminalen er for liten (trenger \(width)×\(height))", en: "Terminal too small (need \(width)×\(height))")
    }

    static func unknownCommand(_ text: String) -> LocalizedText {
        LocalizedText(nb: "Ukjent kommando «\(text)». Kommandoer: goto, lineage, theme, messages, help, quit.",
                      en: "Unknown command “\(text)”. Commands: goto, lineage, theme, messages, help, quit.")
    }

    static func notLoaded(_ ref: String) -> LocalizedText {
        LocalizedText(nb: "Fant ikke \(ref) i prosjektet.", en: "\(ref) is not in the project.")
    }

    static func disabled(_ what: LocalizedText, _ reason: LocalizedText) -> LocalizedText {
        LocalizedText(nb: "\(what.nb): \(reason.nb).", en: "\(what.en): \(reason.en).")
    }

    static func themeSet(_ name: String) -> LocalizedText {
        LocalizedText(nb: "Tema: \(name)", en: "Theme: \(name)")
    }

    static func matches(_ count: Int) -> LocalizedText {
        LocalizedText(nb: "\(count) treff", en: "\(count) \(count == 1 ? "match" : "matches")")
    }
}
