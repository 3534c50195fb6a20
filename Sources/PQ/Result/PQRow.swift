/// One row of a `PQResult`.
package struct PQRow: Sendable {
    let result: PQResult
    let index: Int

    /// Decodes the column at `column` (0-based).
    package func decode<T: PQDecodable>(_ type: T.Type = T.self, at column: Int) throws(PQDecodingError) -> T {
        guard column >= 0, column < result.columnCount else {
            throw PQDecodingError(column: "#\(column)", columnIndex: column, postgresType: "-",
                                  swiftType: "\(T.self)", reason: "no such column")
        }
        let pgType = result.columnType(column)
        do throws(PQValueError) {
            // The bytes stay valid while `result` lives, which `self` ensures for this call.
            guard let bytes = result.bytes(row: index, column: column) else {
                if let nullable = T.self as? any PQNullable.Type, let none = nullable.pqNull as? T { return none }
                throw .unexpectedNull
            }
            return try T.pqDecode(bytes: bytes, type: pgType)
        } catch {
            throw PQDecodingError(column: result.columns[column], columnIndex: column, postgresType: "\(pgType)",
                                  swiftType: "\(T.self)", reason: error.reason)
        }
    }

    /// Decodes the column at `column`, nil for NULL. The same as `decode(T?.self, at:)`, but
    /// without going through `Optional`'s conditional conformance, which generic code resolves
    /// at run time on every call.
    package func decodeIfPresent<T: PQDecodable>(_ type: T.Type = T.self, at column: Int) throws(PQDecodingError) -> T? {
        guard column >= 0, column < result.columnCount else {
            throw PQDecodingError(column: "#\(column)", columnIndex: column, postgresType: "-",
                                  swiftType: "\(T.self)", reason: "no such column")
        }
        guard let bytes = result.bytes(row: index, column: column) else { return nil }
        let pgType = result.columnType(column)
        do throws(PQValueError) {
            return try T.pqDecode(bytes: bytes, type: pgType)
        } catch {
            throw PQDecodingError(column: result.columns[column], columnIndex: column, postgresType: "\(pgType)",
                                  swiftType: "\(T.self)", reason: error.reason)
        }
    }

    /// Decodes the column named `name`.
    package func decode<T: PQDecodable>(_ type: T.Type = T.self, column name: String) throws(PQDecodingError) -> T {
        guard let column = result.index(ofColumn: name) else {
            throw PQDecodingError(column: name, columnIndex: -1, postgresType: "-", swiftType: "\(T.self)",
                                  reason: "no such column")
        }
        return try decode(T.self, at: column)
    }

    /// Decodes the row into a `Decodable` struct, matching each property to the column of the
    /// same name or its snake_case form (`officeID` → `office_id`).
    package func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try T(from: PQRowDecoder(row: self))
    }

    /// Reads the columns in order, as the statement lists them.
    package func cursor() -> PQColumnCursor { PQColumnCursor(row: self) }

    package func isNull(at column: Int) -> Bool {
        result.bytes(row: index, column: column) == nil
    }
}

/// The columns of one row, read left to right: `id = try columns.next()`.
package struct PQColumnCursor {
    let row: PQRow
    private var column = 0

    init(row: PQRow) { self.row = row }

    package mutating func next<T: PQDecodable>(_ type: T.Type = T.self) throws(PQDecodingError) -> T {
        defer { column += 1 }
        return try row.decode(T.self, at: column)
    }

    /// The next column, nil for NULL (see `PQRow.decodeIfPresent`).
    package mutating func nextIfPresent<T: PQDecodable>(_ type: T.Type = T.self) throws(PQDecodingError) -> T? {
        defer { column += 1 }
        return try row.decodeIfPresent(T.self, at: column)
    }
}

/// `Optional` decodes NULL as `nil`.
protocol PQNullable {
    static var pqNull: Self { get }
}

extension Optional: PQNullable {
    static var pqNull: Optional<Wrapped> { nil }
}

extension Optional: PQDecodable where Wrapped: PQDecodable {
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Wrapped? {
        try Wrapped.pqDecode(text: text, type: type)
    }

    package static func pqDecode(bytes: UnsafeRawBufferPointer, type: PQType) throws(PQValueError) -> Wrapped? {
        try Wrapped.pqDecode(bytes: bytes, type: type)
    }
}
