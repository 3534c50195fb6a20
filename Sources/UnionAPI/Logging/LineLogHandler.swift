import Foundation
import Logging

/// One line per message on standard error, in swift-log's `StreamLogHandler` layout:
/// `2026-11-29T06:16:45+0000 info unionhall: key=value … [Module] message`.
///
/// The difference is when the work happens. Every request sets five metadata keys (Hummingbird's
/// request id, ours, the user, office and role) on its own copy of the logger, and usually logs
/// nothing at the server's level. `StreamLogHandler` re-renders all metadata on every set, and
/// any handler keeping a dictionary copies it (and its box) for each request's first set. Here
/// the handler is small enough to sit inline in `Logger`, a set only prepends a node to a list
/// that copies share, and nothing is rendered until a line is written.
package struct LineLogHandler: LogHandler {
    package var logLevel: Logger.Level = .info
    /// Newest first; a key's first node wins, and a nil value removes it.
    private var entries: Entry?
    private var shared: Shared

    package init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        shared = Shared(label: label, metadataProvider: metadataProvider)
    }

    package var metadataProvider: Logger.MetadataProvider? {
        get { shared.metadataProvider }
        set { shared = Shared(label: shared.label, metadataProvider: newValue) }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get {
            var entry = entries
            while let current = entry {
                if current.key == key { return current.value }
                entry = current.next
            }
            return nil
        }
        set {
            entries = Entry(key: key, value: newValue, next: entries)
            // A logger that keeps setting keys (a long-lived one, not a request's) folds its
            // list back to one node per key now and then.
            if let entries, entries.depth > 32 { metadata = metadata }
        }
    }

    package var metadata: Logger.Metadata {
        get {
            var metadata: Logger.Metadata = [:]
            var seen: Set<String> = []
            var entry = entries
            while let current = entry {
                if seen.insert(current.key).inserted, let value = current.value { metadata[current.key] = value }
                entry = current.next
            }
            return metadata
        }
        set {
            entries = nil
            for (key, value) in newValue { entries = Entry(key: key, value: value, next: entries) }
        }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = shared.metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var line = Self.timestamp() + " \(event.level) \(shared.label):"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(value)"
        }
        line += " [\(event.source)] \(event.message)\n"
        // One write(2) per line, so lines from concurrent requests never interleave.
        line.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private final class Entry: Sendable {
        let key: String
        let value: Logger.Metadata.Value?
        let next: Entry?
        let depth: Int

        init(key: String, value: Logger.Metadata.Value?, next: Entry?) {
            self.key = key
            self.value = value
            self.next = next
            depth = (next?.depth ?? 0) + 1
        }
    }

    private final class Shared: Sendable {
        let label: String
        let metadataProvider: Logger.MetadataProvider?

        init(label: String, metadataProvider: Logger.MetadataProvider?) {
            self.label = label
            self.metadataProvider = metadataProvider
        }
    }
}
