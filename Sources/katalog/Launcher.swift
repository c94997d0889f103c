import ArgumentParser
import Foundation
import KatalogCLI
import KatalogCloud
import KatalogCore
import KatalogLocal
import KatalogServices
import KatalogTUI

/// Parses the arguments, picks the backend and the front end, runs, and turns every failure
/// into a message and an exit code: 0 ok, 1 bad input, 2 backend failure.
struct Launcher {
    let environment: [String: String]
    let stdout: @Sendable (String) -> Void
    let stderr: @Sendable (String) -> Void

    /// What to do after parsing and running: exit, or open the terminal UI on the main thread.
    enum Outcome {
        case exit(Int32)
        case terminalUI(ServiceLayer, GlobalOptions, backend: LocalizedText)
    }

    func run(_ rawArguments: [String]) async -> Outcome {
        let arguments = GlobalOptions.reorder(rawArguments)
        let command: ParsableCommand
        do {
            command = try Katalog.parseAsRoot(arguments)
        } catch {
            return .exit(reportParsing(error, arguments: rawArguments))
        }
        var language = Language.fromEnvironment(environment)
        guard let global = (command as? ParsableCommandWithGlobals)?.global else {
            // ArgumentParser's own commands (`katalog help ls`) print help when run.
            var builtIn = command
            do { try builtIn.run() } catch { return .exit(reportParsing(error, arguments: rawArguments)) }
            return .exit(0)
        }
        do {
            language = try chooseLanguage(global)
            let now = try clock()
            switch command {
            case let demo as DemoCommand:
                try await runDemo(demo, language: language, now: now())
            case let doctor as DoctorCommand:
                let healthy = await Doctor(environment: environment, language: language, endpoints: configuredEndpoints(), json: doctor.json,
                                           print: { stdout($0 + "\n") }).run(global)
                return .exit(healthy ? 0 : 2)
            case let keys as KeysCommand:
                let registry = KeyRegistry(readOnly: global.readOnly)
                if keys.json {
                    struct Binding: Encodable { let action: String; let keys: [String]; let scope: String; let description: String; let changesData: Bool }
                    let list = registry.bindings.map { Binding(action: $0.action.rawValue, keys: $0.keys.map(\.configName), scope: $0.scope.rawValue,
                                                               description: $0.description.text(language), changesData: $0.dangerous) }
                    stdout(try TerminalJSON.encode(list) + "\n")
                    return .exit(0)
                }
                stdout(keys.markdown ? registry.markdown() : registry.bindings.map {
                    "\($0.keyNames.padding(toLength: 20, withPad: " ", startingAt: 0)) \($0.description.text(language))"
                }.joined(separator: "\n") + "\n")
            case let serviceCommand as ServiceCommand:
                if global.readOnly && serviceCommand.changesData {
                    throw InvalidInput([Problem(field: "read-only", code: "read_only", message: LocalizedText(
                        nb: "--read-only er satt, så katalog endrer ingenting. Kjør uten --read-only for å gjøre endringen.",
                        en: "--read-only is set, so katalog changes nothing. Run without --read-only to make the change."))])
                }
                // `--trace`: every request on standard error, and how many at the end.
                let transport: any HTTPTransport = global.trace ? TracingTransport(AsyncHTTPClientTransport(), write: stderr) : AsyncHTTPClientTransport()
                defer {
                    if let tracer = transport as? TracingTransport {
                        stderr(language == .nb ? "katalog: \(tracer.count) forespørsler\n" : "katalog: \(tracer.count) requests\n")
                    }
                }
                let (services, backend) = try await openBackend(global, now: now, transport: transport, commandDeadline: try commandDeadline(global)) { problem in
                    // The terminal UI shows these in its status line; a command says them once, first.
                    stderr("katalog: " + TerminalText.line(problem.description) + (language == .nb
                        ? " — katalog bruker resten av config.yaml (`katalog doctor` sjekker den)\n"
                        : " — katalog goes on with the rest of config.yaml (`katalog doctor` checks it)\n"))
                }
                var context = CommandContext(services: services, language: language, write: stdout, writeError: stderr)
                context.drawLineage = { LineageText.render($0, direction: $1) }
                context.lineageFile = global.resolvedLineageFile()
                context.outputWidth = Self.terminalWidth(environment)
                // A cloud call that takes long says within a second what it is waiting for.
                let waiting = isatty(STDERR_FILENO) == 1 && backend != UIText.localWorkspace && backend != UIText.demoWorkspace
                    && backend != UIText.readOnlyWorkspace
                let line = "katalog: " + backend.text(language) + (language == .nb ? " svarer ikke ennå, venter …\n" : " has not answered yet, waiting …\n")
                let write = stderr
                let notice = Task { @Sendable in
                    try await Task.sleep(nanoseconds: 1_000_000_000)
                    if waiting { write(line) }
                }
                defer { notice.cancel() }
                try await serviceCommand.run(in: context)
            default:
                let (services, backend) = try await openBackend(global, now: now, transport: AsyncHTTPClientTransport())
                return .terminalUI(services, global, backend: backend)
            }
            return .exit(0)
        } catch let error as UserFacingError {
            stderr("katalog: " + error.message.text(language) + "\n")
            return .exit(error.exitCode)
        } catch {
            stderr("katalog: " + TerminalText.line("\(error)") + "\n")
            return .exit(2)
        }
    }

    /// ArgumentParser's errors, and its clean exits (help, version): help goes to stdout with
    /// exit 0, a usage error to stderr with exit 1.
    private func reportParsing(_ error: Error, arguments: [String]) -> Int32 {
        // In bokmål when asked for: the whole text unwrapped, translated, wrapped again.
        let width = Self.terminalWidth(environment) ?? 80
        let english = NorwegianHelp.language(of: arguments, environment: environment) != .nb
        let raw = english ? Katalog.fullMessage(for: error) : NorwegianHelp.translate(Katalog.fullMessage(for: error, columns: 100_000), width: width)
        // A usage error quotes the arguments, which may hold escapes: made visible like data.
        let message = TerminalText.block(raw)
        if Katalog.exitCode(for: error) == .success {
            stdout(message + "\n")
            return 0
        }
        stderr(message + "\n")
        return 1
    }

    private func chooseLanguage(_ global: GlobalOptions) throws -> Language {
        guard let text = global.lang else { return Language.fromEnvironment(environment) }
        guard let language = Language(userInput: text) else {
            throw InvalidInput([Problem(field: "lang", code: "lang", message: LocalizedText(
                nb: "Ukjent språk «\(TerminalText.line(text))». Bruk --lang nb eller --lang en.",
                en: "Unknown language “\(TerminalText.line(text))”. Use --lang nb or --lang en."))])
        }
        return language
    }

    /// The terminal's width when standard output is one: `COLUMNS`, else what the tty says.
    /// Piped, nil: tables come whole, for other programs to read.
    static func terminalWidth(_ environment: [String: String]) -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// When a command's cloud calls must be over: `--timeout` seconds from now (default 300).
    private func commandDeadline(_ global: GlobalOptions) throws -> Date {
        let seconds = global.timeout ?? 300
        guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw InvalidInput([Problem(field: "timeout", code: "timeout", message: LocalizedText(
                nb: "--timeout må være et antall sekunder mellom 0 og 86400, ikke \(seconds).",
                en: "--timeout must be a number of seconds between 0 and 86400, not \(seconds)."))])
        }
        return Date().addingTimeInterval(seconds)
    }

    /// The real clock, or a fixed one from `KATALOG_NOW` (RFC 3339) for reproducible demos,
    /// screenshots and tests.
    private func clock() throws -> @Sendable () -> Date {
        guard let text = environment["KATALOG_NOW"], !text.isEmpty else { return { Date() } }
        guard let fixed = try? Date(text, strategy: .iso8601) else {
            throw InvalidInput([Problem(field: "KATALOG_NOW", code: "time", message: LocalizedText(
                nb: "KATALOG_NOW=«\(TerminalText.line(text))» er ikke et tidspunkt. Bruk RFC 3339, for eksempel 2026-11-25T12:00:00Z.",
                en: "KATALOG_NOW=“\(TerminalText.line(text))” is not a time. Use RFC 3339, for example 2026-11-25T12:00:00Z."))])
        }
        return { fixed }
    }

    /// The local workspace (the one named by --workspace, else the demo, created on first use),
    /// with BigQuery from the cloud when a project is set; and a name for where data comes from.
    private func openBackend(_ global: GlobalOptions, now: @escaping @Sendable () -> Date, transport: any HTTPTransport,
                             commandDeadline: Date? = nil, configProblem: (YAMLFileError) -> Void = { _ in }) async throws -> (ServiceLayer, LocalizedText) {
        let workspace: LocalWorkspace
        if let path = global.workspace {
            workspace = try LocalWorkspace(path: path, readOnly: global.readOnly)
        } else {
            let path = DemoWorkspace.defaultPath(environment: environment)
            let existing = FileManager.default.fileExists(atPath: path) ? try LocalWorkspace(path: path, readOnly: global.readOnly) : nil
            if let existing, try existing.project() != nil || existing.isReadOnly {
                workspace = existing
            } else {
                // None yet, or one an older katalog left empty: made whole in one step.
                try existing?.close()
                _ = try await DemoWorkspace.create(at: path, now: now())
                workspace = try LocalWorkspace(path: path, readOnly: global.readOnly)
                stderr("katalog: created the demo workspace at \(TerminalText.line(path))\n")
            }
        }
        var policy = RetryPolicy()
        policy.commandDeadline = commandDeadline
        // One exchange may take a third of the command's time, so a call that hangs is tried
        // again within it (the default 300 s leaves the 30 s per exchange as it is).
        if let commandDeadline { policy.timeout = min(policy.timeout, max(1, commandDeadline.timeIntervalSinceNow / 3)) }
        // config.yaml, read once for the marketplace and the cloud endpoints.
        let loaded = Config.load(from: Config.directory(environment: environment))
        loaded.problems.forEach(configProblem)
        let config = loaded.config
        let (marketplace, marketplaceHost) = try await remoteMarketplace(global, config: config, workspace: workspace, transport: transport,
                                                                         policy: policy, now: now)
        func named(_ warehouse: LocalizedText) -> LocalizedText {
            marketplaceHost.map { UIText.withMarketplace(warehouse, host: $0) } ?? warehouse
        }
        guard let target = try CloudTarget.resolve(flag: global.project, environment: environment, endpoints: config.endpoints)
        else {
            let name = workspace.isReadOnly ? UIText.readOnlyWorkspace : global.workspace == nil ? UIText.demoWorkspace : UIText.localWorkspace
            return (try workspace.services(now: now, marketplace: marketplace), named(name))
        }
        // A cloud project: BigQuery and its sibling APIs; drafts and audit stay in the workspace.
        let cloud = try CloudBackend(target: target, environment: environment, transport: transport, policy: policy)
        return (try workspace.services(now: now, warehouse: cloud.warehouse, iam: cloud.iam, marketplace: marketplace),
                named(UIText.cloud(target.bigQueryBase.host ?? "", emulator: target.isEmulator)))
    }

    /// Datamarkedsplassen over REST when `--marketplace`, `KATALOG_MARKETPLACE_URL` or
    /// `marketplace.url` names one (else the workspace's own), journalling into the workspace's
    /// audit log; what an earlier run left unsettled there is settled first.
    private func remoteMarketplace(_ global: GlobalOptions, config: Config, workspace: LocalWorkspace, transport: any HTTPTransport,
                                   policy: RetryPolicy, now: @escaping @Sendable () -> Date) async throws -> (RemoteMarketplace?, host: String?) {
        guard let target = try MarketplaceTarget.resolve(flag: global.marketplace, environment: environment, configured: config.marketplaceURL)
        else { return (nil, nil) }
        let connection = MarketplaceConnection(target: target, environment: environment, tokenCommand: config.marketplaceTokenCommand,
                                               transport: transport, policy: policy)
        let backend = MarketplaceREST(client: connection.client, journal: AuditJournal(
            audit: workspace.audit, now: now, backend: "Datamarkedsplassen \(target.baseURL.absoluteString)"))
        if !workspace.isReadOnly {
            // Not being able to settle old intents is no reason to refuse today's work.
            _ = try? await backend.reconcile()
        }
        return (backend.remote, target.baseURL.host ?? target.baseURL.absoluteString)
    }

    /// API endpoints from config.yaml, the valid ones (the terminal UI and `doctor` report the
    /// bad ones).
    func configuredEndpoints() -> [String: String] {
        Config.load(from: Config.directory(environment: environment)).config.endpoints
    }

    private func runDemo(_ demo: DemoCommand, language: Language, now: Date) async throws {
        let path = demo.global.workspace ?? DemoWorkspace.defaultPath(environment: environment)
        struct Done: Encodable { let workspace: String; let exists: Bool; let recreated: Bool; let exported: String? }
        func say(_ text: String, _ done: Done) throws {
            stdout(demo.json ? try TerminalJSON.encode(done) + "\n" : text)
        }
        if let file = demo.exportBigQuery {
            let warehouse = DemoWorkspace.warehouse(now: now)
            try ResourceExport.json(datasets: warehouse.datasets, tables: warehouse.tables, connections: warehouse.connections,
                                    scheduledQueries: warehouse.scheduledQueries, streams: warehouse.streams).write(to: URL(fileURLWithPath: file))
            try say(language == .nb ? "Skrev demoens BigQuery-ressurser til \(TerminalText.line(file)).\n"
                                    : "Wrote the demo's BigQuery resources to \(TerminalText.line(file)).\n",
                    Done(workspace: path, exists: FileManager.default.fileExists(atPath: path), recreated: false, exported: file))
            return
        }
        guard demo.reset || demo.synthetic != nil else {
            let exists = FileManager.default.fileExists(atPath: path)
            try say(language == .nb
                ? "Demoarbeidsflaten: \(TerminalText.line(path))\(exists ? "" : " (ikke laget ennå; `katalog demo --reset` lager den)")\n"
                : "Demo workspace: \(TerminalText.line(path))\(exists ? "" : " (not created yet; `katalog demo --reset` creates it)")\n",
                Done(workspace: path, exists: exists, recreated: false, exported: nil))
            return
        }
        // A folder the user named is theirs to make; the default one under XDG_DATA_HOME is ours.
        if let tables = demo.synthetic, !(1...1_000_000).contains(tables) {
            throw InvalidInput([Problem(field: "synthetic", code: "synthetic_size", message: LocalizedText(
                nb: "--synthetic tar 1 til 1000000 tabeller, ikke \(tables).", en: "--synthetic takes 1 to 1000000 tables, not \(tables)."))])
        }
        let synthetic = demo.synthetic.map { SyntheticSize(tables: $0, seed: demo.seed) }
        try await DemoWorkspace.create(at: path, now: now, makeFolder: demo.global.workspace == nil, synthetic: synthetic)
        let what = synthetic.map { language == .nb ? " som et syntetisk prosjekt med \($0.tables) tabeller (frø \($0.seed))"
                                                   : " as a synthetic project of \($0.tables) tables (seed \($0.seed))" } ?? ""
        try say(language == .nb ? "Demoarbeidsflaten er laget på nytt i \(TerminalText.line(path))\(what).\n"
                                : "Recreated the demo workspace at \(TerminalText.line(path))\(what).\n",
                Done(workspace: path, exists: true, recreated: true, exported: nil))
    }
}
