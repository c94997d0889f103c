import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KatalogCore

/// A file the user wrote (config.yaml, lineage.yaml, a manifest, a theme), read with a size
/// limit: a file far beyond what such a file ever is — a log written into the wrong path, a
/// binary — is refused at once with what it is, instead of costing seconds and gigabytes to parse.
public enum UserFile {
    /// Generous for any of them: the biggest real lineage.yaml is well under a megabyte.
    public static let limit = 4_000_000

    public enum Failure: Error, Equatable {
        case missing
        case tooLarge(bytes: Int)
        /// A directory, a FIFO (reading one would wait forever), a device, or a symbolic link
        /// that leads back to itself.
        case notAFile
    }

    public static func read(_ path: String, limit: Int = UserFile.limit) -> Result<String, Failure> {
        var info = stat()
        if stat(path, &info) != 0 { return .failure(errno == ELOOP ? .notAFile : .missing) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notAFile) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.missing) }
        defer { try? handle.close() }
        // One byte past the limit tells it is too large without reading the rest.
        guard let data = try? handle.read(upToCount: limit + 1) else { return .success("") }
        guard data.count <= limit else {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
            return .failure(.tooLarge(bytes: size))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }

    /// What to tell the user about a path that is not a file.
    public static func notAFile(_ path: String, what: LocalizedText) -> LocalizedText {
        LocalizedText(nb: "\(what.nb) \(TerminalText.line(path)) er ikke en vanlig fil (en mappe, en FIFO, en enhet eller en symbolsk lenke i ring); katalog leste den ikke. Gi stien til fila.",
                      en: "\(what.en) \(TerminalText.line(path)) is not a regular file (a directory, a FIFO, a device or a symbolic link loop); katalog did not read it. Give the path of the file.")
    }

    /// What to tell the user about a file that is too large.
    public static func tooLarge(_ path: String, bytes: Int, limit: Int = UserFile.limit, what: LocalizedText) -> LocalizedText {
        let size = Formatting.bytes(Int64(bytes), .en), sizeNB = Formatting.bytes(Int64(bytes), .nb)
        let max = Formatting.bytes(Int64(limit), .en), maxNB = Formatting.bytes(Int64(limit), .nb)
        return LocalizedText(nb: "\(what.nb) \(TerminalText.line(path)) er \(sizeNB), mer enn de \(maxNB) en slik fil kan være; katalog leste den ikke. Er det riktig fil?",
                             en: "\(what.en) \(TerminalText.line(path)) is \(size), more than the \(max) such a file can be; katalog did not read it. Is it the right file?")
    }
}
