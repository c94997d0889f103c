import Foundation
import KatalogFuzzTargets
#if KATALOG_LIBFUZZER
import LibFuzzer
#endif

// libFuzzer's entry points (`make stress`: built with -sanitize=fuzzer,address and
// -D KATALOG_LIBFUZZER); KATALOG_FUZZ_TARGET names the target. Built plainly, the same binary
// replays files: `katalog-fuzz TARGET FILE…`.
#if KATALOG_LIBFUZZER
/// SwiftPM links a debug executable's `main` to `<module>_main` (so tests can load it): here
/// that hands over to libFuzzer's own driver.
@_cdecl("katalog_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { bytes, size in fuzzOne(bytes, size) }
}

nonisolated(unsafe) var target: FuzzTarget?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    if target == nil {
        guard let name = ProcessInfo.processInfo.environment["KATALOG_FUZZ_TARGET"], let named = FuzzTarget(rawValue: name) else {
            fatalError("KATALOG_FUZZ_TARGET must be one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        target = named
    }
    target?.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
#else
@main
enum Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("usage: katalog-fuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))\n".utf8))
            exit(1)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("katalog-fuzz: cannot read \(path)\n".utf8))
                exit(1)
            }
            target.run(data)
        }
    }
}
#endif
