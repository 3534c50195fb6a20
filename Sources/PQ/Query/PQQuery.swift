/// SQL with bound parameters, written by interpolation:
///
/// ```swift
/// let query: PQQuery = "SELECT name FROM workers WHERE office_id = \(officeID) AND id = \(workerID)"
/// // sql: "SELECT name FROM workers WHERE office_id = $1 AND id = $2", two bindings
/// ```
///
/// Every `\(value)` becomes a `$n` placeholder; raw SQL enters only through the labelled
/// `\(unescaped:)` door or `PQQuery(unsafeSQL:)`, which a reviewer can grep for. `description`
/// prints bound values as `****` so logging a query can't log a resident ID.
package struct PQQuery: Sendable, Hashable, CustomStringConvertible {
    /// The text between placeholders: always one more piece than there are bindings.
    private var pieces: [String]
    package private(set) var bindings: [PQBinding]

    package init(unsafeSQL sql: String) {
        pieces = [sql]
        bindings = []
    }

    /// The statement with `$1…$n` placeholders.
    package var sql: String {
        guard !bindings.isEmpty else { return pieces[0] }
        var sql = pieces[0]
        for index in bindings.indices {
            sql += "$" + String(index + 1) + pieces[index + 1]
        }
        return sql
    }

    package var description: String {
        var text = pieces[0]
        for index in bindings.indices { text += "****" + pieces[index + 1] }
        return text
    }

    /// Appends another query, renumbering its placeholders: for assembling one statement
    /// from optional parts instead of spelling out every variant.
    package mutating func append(_ other: PQQuery) {
        pieces[pieces.count - 1] += other.pieces[0]
        pieces.append(contentsOf: other.pieces.dropFirst())
        bindings.append(contentsOf: other.bindings)
    }

    package static func + (lhs: PQQuery, rhs: PQQuery) -> PQQuery {
        var joined = lhs
        joined.append(rhs)
        return joined
    }

    /// Joins queries with a separator (`, ` or ` AND `).
    package static func joined(_ parts: [PQQuery], separator: String) -> PQQuery {
        var result = PQQuery(unsafeSQL: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(PQQuery(unsafeSQL: separator)) }
            result.append(part)
        }
        return result
    }
}

/// One bound parameter: its type and its value in the wire format (nil = SQL NULL).
package struct PQBinding: Sendable, Hashable {
    package var type: PQType
    package var value: PQBindValue?
}

extension PQQuery: ExpressibleByStringInterpolation {
    package init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    package init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
        bindings = stringInterpolation.bindings
    }

    package struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var pieces: [String] = [""]
        fileprivate var bindings: [PQBinding] = []

        package init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(interpolationCount + 1)
            bindings.reserveCapacity(interpolationCount)
        }

        package mutating func appendLiteral(_ literal: String) {
            pieces[pieces.count - 1] += literal
        }

        package mutating func appendInterpolation<Value: PQEncodable>(_ value: Value) {
            bindings.append(PQBinding(type: Value.pqType, value: value.pqBindValue))
            pieces.append("")
        }

        package mutating func appendInterpolation<Value: PQEncodable>(_ value: Value?) {
            bindings.append(PQBinding(type: Value.pqType, value: value?.pqBindValue))
            pieces.append("")
        }

        /// Splices another query in, renumbering its placeholders.
        package mutating func appendInterpolation(_ query: PQQuery) {
            pieces[pieces.count - 1] += query.pieces[0]
            pieces.append(contentsOf: query.pieces.dropFirst())
            bindings.append(contentsOf: query.bindings)
        }

        /// Raw SQL: only for text the program wrote itself (an identifier from a fixed list).
        package mutating func appendInterpolation(unescaped text: String) {
            pieces[pieces.count - 1] += text
        }
    }
}
