import Foundation
import KatalogCore
import KatalogServices
import KatalogTUI

/// The four YAML files a user writes — config.yaml, a theme, lineage.yaml, a manifest — read
/// from any bytes: each either loads or says what is wrong at a line the file has, in text that
/// is safe to print.
enum YAMLFileTargets {
    static func text(_ data: Data) -> (text: String, lines: Int) {
        let text = String(decoding: data, as: UTF8.self)
        return (text, text.reduce(1) { $1.isNewline ? $0 + 1 : $0 })
    }

    static func check(_ problem: YAMLFileError, lines: Int) {
        if problem.line < 1 || problem.line > lines + 1 { Invariant.fail("a problem at line \(problem.line) of a file with \(lines) lines") }
        Invariant.safe(problem, "a YAML problem")
    }

    static func config(_ data: Data) {
        let (text, lines) = text(data)
        for problem in Config.read(text, path: "config.yaml").problems { check(problem, lines: lines) }
    }

    static func theme(_ data: Data) {
        let (text, lines) = text(data)
        do { _ = try Theme.parse(text, path: "themes/fuzz.yaml", name: "fuzz") } catch { check(error, lines: lines) }
    }

    static func lineageFile(_ data: Data) {
        let (text, lines) = text(data)
        do { _ = try LineageFile.parse(text, path: "lineage.yaml") } catch {
            for problem in error.problems { check(problem, lines: lines) }
            Invariant.safe(error, "lineage.yaml's problems")
        }
    }

    static func manifest(_ data: Data) {
        let (text, lines) = text(data)
        do { _ = try ManifestFile.parse(text, path: "dataprodukt.yaml") } catch {
            for problem in error.problems where problem.line < 1 || problem.line > lines + 1 {
                Invariant.fail("a manifest problem at line \(problem.line) of a file with \(lines) lines")
            }
            Invariant.safe(error, "a manifest's problems")
        }
    }
}
