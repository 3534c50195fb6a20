import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server settings the decoders depend on, sent as startup options (libpq's `options`
/// keyword, `-c name=value`) rather than with `SET` after connecting: a startup option is the
/// session's reset value, so the `RESET ALL` the pool sends between principals keeps them.
enum PQStartupOptions {
    /// Text dates as `2024-05-01`, timestamps in UTC with an offset, intervals as ISO 8601:
    /// the formats `CalendarDate+PQCodable`, `Date+PQCodable` and the interval decoder read.
    static let settings: [(name: String, value: String)] = [
        ("TimeZone", "UTC"),
        ("DateStyle", "ISO, YMD"),
        ("IntervalStyle", "iso_8601"),
    ]

    /// The `options` value to connect with: the user's own options first, then ours, so that
    /// for a setting named twice ours (given later) is the one the server keeps.
    static func merged(with userOptions: String?) -> String {
        let ours = settings.map { "-c \(escape($0.name))=\(escape($0.value))" }.joined(separator: " ")
        guard let userOptions, !userOptions.allSatisfy(\.isWhitespace) else { return ours }
        return userOptions + " " + ours
    }

    /// The options the connection string names (`options=…` or `?options=…`), else those of
    /// `PGOPTIONS`: libpq reads that variable only when no `options` keyword is given, and we
    /// always give one.
    static func userOptions(connectionString: String) -> String? {
        if let parsed = PQconninfoParse(connectionString, nil) {
            defer { PQconninfoFree(parsed) }
            var option = parsed
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "options", let value = option.pointee.val { return String(cString: value) }
                option += 1
            }
        }
        return getenv("PGOPTIONS").map { String(cString: $0) }
    }

    /// The server splits `options` at unescaped whitespace and takes a backslash as escaping
    /// the next character (`DateStyle=ISO,\ YMD`).
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character.isWhitespace { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
