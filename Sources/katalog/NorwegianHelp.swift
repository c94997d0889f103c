import Foundation
import KatalogCore

/// `--help` and usage errors in bokmål (`--lang nb`, or a Norwegian LANG). ArgumentParser writes
/// them in English from the commands' help strings; this gives every one of those strings, its
/// section titles and its error shapes in bokmål, and wraps the result to the terminal again.
enum NorwegianHelp {
    /// The language a message about the arguments should be in, read before they are parsed.
    static func language(of arguments: [String], environment: [String: String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang="), let language = Language(userInput: String(argument.dropFirst(7))) { return language }
            if argument == "--lang", index + 1 < arguments.count, let language = Language(userInput: arguments[index + 1]) { return language }
        }
        return Language.fromEnvironment(environment)
    }

    /// The message with every English phrase katalog's commands and ArgumentParser use put in
    /// bokmål, lines wrapped to `width`.
    static func translate(_ message: String, width: Int) -> String {
        var text = message
        for (english, norwegian) in phrases.sorted(by: { $0.key.count > $1.key.count }) {
            text = text.replacingOccurrences(of: english, with: norwegian)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { wrap(String($0), width: width) }.joined(separator: "\n")
    }

    /// A line longer than `width`, wrapped at spaces; continuation lines start where the
    /// line's text does after its label (`  --json   Print…`), as ArgumentParser indents them.
    static func wrap(_ line: String, width: Int) -> String {
        guard DisplayWidth.of(line) > width, width > 20 else { return line }
        var indent = 0
        if let gap = line.range(of: #"\S\s{2,}\S"#, options: .regularExpression) {
            indent = line.distance(from: line.startIndex, to: gap.upperBound) - 1
        }
        if line.hasPrefix("BRUK:") || line.hasPrefix("Bruk:") { indent = 2 }
        let leading = line.prefix { $0 == " " }
        var lines: [String] = []
        var current = String(leading)
        var first = true
        for word in line.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = first ? current + word : current + " " + word
            first = false
            if DisplayWidth.of(candidate) > width, !current.trimmingCharacters(in: .whitespaces).isEmpty, !word.isEmpty {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    static let phrases: [String: String] = [
        // ArgumentParser's own words.
        "OVERVIEW:": "OVERSIKT:", "USAGE:": "BRUK:", "ARGUMENTS:": "ARGUMENTER:", "OPTIONS:": "VALG:", "SUBCOMMANDS:": "UNDERKOMMANDOER:",
        "Show help information.": "Vis hjelpen.", "Show the version.": "Vis versjonen.",
        "See 'katalog help <subcommand>' for detailed help.": "Se 'katalog help <underkommando>' for mer om hver.",
        "Error: Unknown option ": "Feil: ukjent valg ", "Error: Missing expected argument ": "Feil: mangler argumentet ",
        "Error: Missing value for ": "Feil: mangler verdi for ", "Error: Unexpected argument ": "Feil: uventet argument ",
        "Error: Unexpected arguments ": "Feil: uventede argumenter ", "Error: The value ": "Feil: verdien ", " is invalid for ": " er ugyldig for ",
        "Error: ": "Feil: ", "Usage: ": "Bruk: ", "Help: ": "Hjelp: ", " for more information.": " for mer.", "  See '": "  Se '",
        "(default: ": "(standard: ",
        // The commands' help strings.
        "Browse a team's GCP project, see its lineage, publish dataprodukter and review access.":
            "Utforsk teamets GCP-prosjekt, se lineagen, publiser dataprodukter og styr tilganger.",
        "With no subcommand, katalog opens the terminal UI. With no configuration it works on the embedded demo workspace ($XDG_DATA_HOME/katalog/demo.sqlite), fully offline.":
            "Uten underkommando åpner katalog terminalgrensesnittet. Uten oppsett bruker den den innebygde demoarbeidsflaten ($XDG_DATA_HOME/katalog/demo.sqlite), helt frakoblet.",
        "The options below may come before or after the subcommand.": "Valgene under kan stå før eller etter underkommandoen.",
        "Exit codes: 0 ok, 1 bad input, 2 backend failure, 3 a check found something (scheduled --failed).":
            "Avslutningskoder: 0 ok, 1 feil i det som ble oppgitt, 2 feil i baksystemet, 3 en sjekk fant noe (scheduled --failed).",
        "The workspace file to open (default: the demo workspace).": "Arbeidsflatefilen som skal åpnes (standard: demoarbeidsflaten).",
        "The GCP project to show.": "GCP-prosjektet som skal vises.",
        "The marketplace to use: a URL, prod or dev (default: the workspace's own).": "Markedsplassen som skal brukes: en adresse, prod eller dev (standard: arbeidsflatens egen).",
        "Language of messages: nb or en (default: from LANG).": "Språk i meldinger: nb eller en (standard: fra LANG).",
        "Colour theme of the terminal UI.": "Fargetema for terminalgrensesnittet.",
        "Declared lineage and zone rules (default: lineage.yaml here, if there is one).": "Deklarert lineage og soneregler (standard: lineage.yaml her, om den finnes).",
        "Give up on a command's cloud calls after this many seconds (default 300).": "Gi opp skykallene til en kommando etter så mange sekunder (standard 300).",
        "Refuse every change (grants, approvals, publishing).": "Avvis alle endringer (tilganger, godkjenninger, publisering).",
        "List datasets, the tables of one dataset, or (-r) every table of the project.": "List datasett i BigQuery, tabellene i ett, eller (-r) alle prosjektets tabeller.",
        "Every table of every dataset, in one list.": "Alle tabellene i alle datasettene, i én liste.",
        "Do not ask for rows and sizes (on a cloud project, a query after the list).": "Ikke spør etter rader og størrelser (i et skyprosjekt en spørring etter listen).",
        "DATASET is a dataset id (rasone) or PROJECT.DATASET.": "DATASET er en datasett-id (rasone) eller PROSJEKT.DATASETT.",
        "A dataset id or PROJECT.DATASET.": "En datasett-id eller PROSJEKT.DATASETT.",
        "Print JSON with stable field names.": "Skriv JSON med stabile feltnavn.",
        "Show a table or view: schema, description, labels, partitioning, SQL, dataprodukt.": "Vis en tabell eller et view: skjema, beskrivelse, etiketter, partisjonering, SQL, dataprodukt.",
        "The table, as PROJECT.DATASET.TABLE (backticks allowed) or DATASET.TABLE.": "Tabellen, som PROSJEKT.DATASETT.TABELL (backticks går an) eller DATASETT.TABELL.",
        "List the project's Federated Query connections.": "List prosjektets tilkoblinger for Federated Query.",
        "List the scheduled queries: last run, state, error, next run.": "List de planlagte spørringene: siste kjøring, status, feil, neste kjøring.",
        "Only those whose last run failed (exit 3 when there is one).": "Bare de som feilet sist (avslutningskode 3 når det finnes noen).",
        "List the Datastream streams into the project.": "List Datastream-strømmene inn i prosjektet.",
        "List dataprodukter, show one, or delete one.": "List dataprodukter, vis ett, eller slett ett.", "List dataprodukter.": "List dataprodukter.",
        "Delete a dataprodukt with its datasett; every grant on them is revoked.": "Slett et dataprodukt med datasettene; alle tilganger til dem trekkes.",
        "Delete without asking (for scripts).": "Slett uten å spørre (for skript).",
        "Publish a dataprodukt from a manifest: show the plan, or apply it.": "Publiser et dataprodukt fra et manifest: vis planen, eller gjennomfør den.",
        "The manifest (docs/manifest.md) holds one dataprodukt with its datasett. Without --apply, katalog prints what would change, field by field. Applying twice changes nothing the second time.":
            "Manifestet (docs/manifest.md) beskriver ett dataprodukt med datasettene. Uten --apply skriver katalog hva som ville endret seg, felt for felt. Gjennomført to ganger endrer det ingenting andre gang.",
        "The manifest.": "Manifestet.",
        "Show what would change (the default).": "Vis hva som ville endret seg (standard).",
        "Make the changes, after asking.": "Gjør endringene, etter å ha spurt.",
        "Apply without asking (for CI).": "Gjennomfør uten å spørre (for CI).",
        "Exit 0 when nothing would change, 2 when changes are pending, 1 on an error.": "Avslutt med 0 når ingenting ville endret seg, 2 når endringer venter, 1 ved feil.",
        "Print a manifest for this table to start from.": "Skriv et manifest for denne tabellen å begynne med.",
        "List the publish wizard's saved drafts.": "List publiseringsveiviserens lagrede utkast.",
        "List the audit log of every change katalog made, newest first.": "List revisjonsloggen over alle endringer katalog har gjort, nyeste først.",
        "Only changes on or after this day (YYYY-MM-DD, in Oslo).": "Bare endringer fra og med denne dagen (ÅÅÅÅ-MM-DD, i Oslo).",
        "Only this action (as the log names it), or those starting with it.": "Bare denne handlingen (slik loggen kaller den), eller de som begynner med den.",
        "At most this many (default 1000).": "Høyst så mange (standard 1000).",
        "Show what is downstream of a table and who would lose data (exit 3 when a datasett is affected).": "Vis hva som ligger nedstrøms for en tabell og hvem som ville mistet data (avslutningskode 3 når et datasett berøres).",
        "The table, as PROJECT.DATASET.TABLE or DATASET.TABLE.": "Tabellen, som PROSJEKT.DATASETT.TABELL eller DATASETT.TABELL.",
        "Only those whose name, description or keywords contain this text.": "Bare de der navn, beskrivelse eller nøkkelord inneholder teksten.",
        "Show a dataprodukt with its datasett and access.": "Vis et dataprodukt med datasettene og tilgangene.",
        "The dataprodukt's id or slug.": "Dataproduktets id eller slug.",
        "Review access: list grants and requests, grant, revoke, extend, approve, deny, risks, drift.": "Styr tilganger: list tilganger og søknader, gi, trekk, forleng, godkjenn, avslå, risiko, avvik.",
        "Give a grant a new expiry date, or make it last.": "Gi en tilgang ny utløpsdato, eller la den vare.",
        "List the access requests waiting for you (as access list --pending).": "List tilgangssøknadene som venter på deg (som access list --pending).",
        "Print every request katalog makes (method, path, status, milliseconds) and how many, on standard error.": "Skriv hver forespørsel katalog gjør (metode, sti, status, millisekunder) og hvor mange, på standard feil.",
        "The new expiry: a date (YYYY-MM-DD, the end of that day in Oslo), or never.": "Ny utløpsdato: en dato (ÅÅÅÅ-MM-DD, slutten av dagen i Oslo), eller never.",
        "Print the new grant as JSON.": "Skriv den nye tilgangen som JSON.",
        "List the risks on your groups' datasett, each with what to do.": "List risikoene på gruppenes datasett, hver med hva du bør gjøre.",
        "Compare BigQuery IAM with the marketplace's grants; --fix reconciles it.": "Sammenlign IAM i BigQuery med tilgangene i markedsplassen; --fix retter avvikene.",
        "Reconcile every finding: remove the stray bindings, grant the missing ones again.": "Rett alle avvik: fjern bindinger uten tilgang, gi manglende tilganger på nytt.",
        "Reconcile without asking (for scripts).": "Rett uten å spørre (for skript).",
        "List grants, or pending access requests with --pending.": "List tilganger, eller ventende søknader med --pending.",
        "Only this datasett (id, slug or name).": "Bare dette datasettet (id, slug eller navn).",
        "List the pending access requests you must handle (on every datasett your groups own, or on --datasett) instead of grants.": "List ventende søknader du skal behandle (på alle datasett gruppene dine eier, eller på --datasett) i stedet for tilganger.",
        "Grant a user, group or service account read access to a datasett.": "Gi en bruker, gruppe eller tjenestekonto lesetilgang til et datasett.",
        "The datasett (id, slug or name).": "Datasettet (id, slug eller navn).",
        "Who: user:EMAIL, group:EMAIL or serviceAccount:EMAIL.": "Hvem: user:E-POST, group:E-POST eller serviceAccount:E-POST.",
        "Who: user:EMAIL, group:EMAIL or serviceAccount:EMAIL; or --user, --group, --service-account.": "Hvem: user:E-POST, group:E-POST eller serviceAccount:E-POST; eller --user, --group, --service-account.",
        "The datasett (id, slug or name); or --datasett.": "Datasettet (id, slug eller navn); eller --datasett.",
        "A user, by e-mail.": "En bruker, med e-postadresse.", "A Google group, by e-mail.": "En Google-gruppe, med e-postadresse.",
        "A service account, by e-mail.": "En tjenestekonto, med e-postadresse.",
        "The team that owns a service account (default: the subject).": "Teamet som eier en tjenestekonto (standard: subjektet).",
        "Last day of access (YYYY-MM-DD, tomorrow or later), or 'never' (default).": "Siste dag med tilgang (ÅÅÅÅ-MM-DD, i morgen eller senere), eller 'never' (standard).",
        "Revoke a grant.": "Trekk en tilgang.",
        "The grant's id, or a unique start of it (see `katalog access list`).": "Tilgangens id, eller en entydig start på den (se `katalog access list`).",
        "Print the revoked grant as JSON.": "Skriv den trukne tilgangen som JSON.",
        "Approve a pending access request.": "Godkjenn en ventende tilgangssøknad.",
        "The request's id, or a unique start of it (see `katalog access list --pending`).": "Søknadens id, eller en entydig start på den (se `katalog access list --pending`).",
        "The requests' ids, or unique starts of them (see `katalog access list --pending`); several act in turn.": "Søknadenes id-er, eller entydige starter på dem (se `katalog access list --pending`); flere behandles etter tur.",
        "The grants' ids, or unique starts of them (see `katalog access list`); several act in turn.": "Tilgangenes id-er, eller entydige starter på dem (se `katalog access list`); flere behandles etter tur.",
        "Approve even what asks for a second thought (personal data without a Polly purpose).": "Godkjenn også det som ber om ettertanke (personopplysninger uten formål i Polly).",
        "Print the grant it made as JSON.": "Skriv tilgangen den ga som JSON.",
        "Deny a pending access request, with a reason.": "Avslå en ventende tilgangssøknad, med begrunnelse.",
        "Why, for the requester (required).": "Hvorfor, for søkeren (påkrevd).",
        "Print the denied request as JSON.": "Skriv den avslåtte søknaden som JSON.",
        "Print the lineage graph (sources → råsone → dataprodukter) as JSON, Mermaid, Graphviz DOT or a text drawing.":
            "Skriv lineage-grafen (kilder → råsone → dataprodukter) som JSON, Mermaid, Graphviz DOT eller en teksttegning.",
        "--focus limits it to one table with --up hops upstream and --down hops downstream.": "--focus begrenser den til én tabell med --up ledd oppstrøms og --down ledd nedstrøms.",
        "json, mermaid, dot or text (the drawing, for pasting into issues).": "json, mermaid, dot eller text (tegningen, til å lime inn i saker).",
        "Only around this table (PROJECT.DATASET.TABLE or DATASET.TABLE).": "Bare rundt denne tabellen (PROSJEKT.DATASETT.TABELL eller DATASETT.TABELL).",
        "Hops upstream of --focus.": "Ledd oppstrøms fra --focus.", "Hops downstream of --focus.": "Ledd nedstrøms fra --focus.",
        "For text: left-to-right (terminals are wide) or bottom-to-top (as the team docs draw it).": "For text: venstre mot høyre (terminaler er brede) eller nedenfra og opp (slik teamdokumentasjonen tegner den).",
        "List the terminal UI's key bindings (--markdown: the text of docs/keys.md).": "List tastene i terminalgrensesnittet (--markdown: teksten i docs/keys.md).",
        "Print Markdown, as docs/keys.md holds it.": "Skriv Markdown, slik docs/keys.md har den.",
        "Print JSON: every binding with its action, keys, scope and description.": "Skriv JSON: hver tast med handling, taster, område og beskrivelse.",
        "Show which project, credentials and APIs katalog uses, and whether they answer.": "Vis hvilket prosjekt, hvilken innlogging og hvilke API-er katalog bruker, og om de svarer.",
        "Print the checks as JSON.": "Skriv sjekkene som JSON.",
        "Show where the demo workspace is; --reset recreates it (or creates it at --workspace).": "Vis hvor demoarbeidsflaten er; --reset lager den på nytt (eller i --workspace).",
        "Empty the workspace and fill it with the demo project again. The audit log is kept.": "Tøm arbeidsflaten og fyll den med demoprosjektet igjen. Revisjonsloggen beholdes.",
        "Write the demo's datasets and tables as BigQuery REST resources (JSON), to load them into a BigQuery project.":
            "Skriv demoens datasett og tabeller som BigQuery REST-ressurser (JSON), for å laste dem inn i et BigQuery-prosjekt.",
        "Print what was done as JSON.": "Skriv hva som ble gjort som JSON.",
        "Recreate the workspace as a synthetic team project of this many tables (in about one dataset per 50), to measure katalog at scale.":
            "Lag arbeidsflaten på nytt som et syntetisk teamprosjekt med så mange tabeller (omtrent ett datasett per 50), for å måle katalog i stor skala.",
        "The seed of --synthetic: the same seed and size give the same project.": "Frøet til --synthetic: samme frø og størrelse gir samme prosjekt.",
    ]
}
