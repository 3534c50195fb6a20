/// A column could not be decoded into the Swift type asked for. Names the column, its index,
/// the PostgreSQL type and the Swift type, and never the value (it may be personal data).
package struct PQDecodingError: Error, Sendable, CustomStringConvertible {
    package var column: String
    package var columnIndex: Int
    package var postgresType: String
    package var swiftType: String
    package var reason: String

    package init(column: String, columnIndex: Int, postgresType: String, swiftType: String, reason: String) {
        self.column = column
        self.columnIndex = columnIndex
        self.postgresType = postgresType
        self.swiftType = swiftType
        self.reason = reason
    }

    package var description: String {
        "cannot decode column \"\(column)\" (#\(columnIndex), \(postgresType)) as \(swiftType): \(reason)"
    }
}

/// What a `PQDecodable` conformance throws; the row adds the column to make a `PQDecodingError`.
package struct PQValueError: Error, Sendable {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
    static let typeMismatch = PQValueError("type mismatch")
    static let unexpectedNull = PQValueError("unexpected NULL")
}
