import CLibPQ

/// The rows of one statement, read in place from libpq's `PGresult`.
///
/// The `PGresult` is freed (`PQclear`) when the last reference goes, so no path can leak it.
/// `@unchecked Sendable`: libpq never changes a `PGresult` after handing it over and documents it
/// as safe to read from any thread; this class only reads it.
package final class PQResult: @unchecked Sendable {
    private let handle: OpaquePointer
    package let rowCount: Int
    package let columnCount: Int
    /// Column names in order.
    package let columns: [String]
    let columnTypes: [PQType]
    private let columnIndex: [String: Int]

    /// Takes ownership of `handle`.
    init(taking handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
        var columns: [String] = []
        var types: [PQType] = []
        var index: [String: Int] = [:]
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            let name = PQfname(handle, Int32(column)).map { String(cString: $0) } ?? "?column?"
            columns.append(name)
            types.append(PQType(PQftype(handle, Int32(column))))
            if index[name] == nil { index[name] = column }
        }
        self.columns = columns
        self.columnTypes = types
        self.columnIndex = index
    }

    deinit { PQclear(handle) }

    /// Rows changed by INSERT/UPDATE/DELETE (or returned by SELECT), from the command tag.
    package var affectedRows: Int {
        guard let tuples = PQcmdTuples(handle) else { return 0 }
        return Int(String(cString: tuples)) ?? 0
    }

    /// The command tag (`INSERT 0 1`, `COMMIT`, `ROLLBACK`).
    package var commandTag: String {
        PQcmdStatus(handle).map { String(cString: $0) } ?? ""
    }

    package var rows: [PQRow] { (0..<rowCount).map { PQRow(result: self, index: $0) } }

    package func index(ofColumn name: String) -> Int? { columnIndex[name] }

    /// The raw text of a cell, or nil for NULL, passed to `body` without copying.
    func withValue<R>(row: Int, column: Int, _ body: (Substring.UTF8View?) throws -> R) rethrows -> R {
        if PQgetisnull(handle, Int32(row), Int32(column)) != 0 { return try body(nil) }
        guard let pointer = PQgetvalue(handle, Int32(row), Int32(column)) else { return try body(nil) }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        let buffer = UnsafeRawBufferPointer(start: pointer, count: length)
        // A Substring over a String made from the buffer: one copy, then zero-copy parsing.
        let string = String(decoding: buffer, as: UTF8.self)
        return try body(Substring(string).utf8)
    }

    /// Decodes every row as `T`.
    package func decode<T: Decodable>(_ type: T.Type = T.self) throws -> [T] {
        try rows.map { try $0.decode(T.self) }
    }

    /// Every row through `decode`, which reads the columns by position (`PQRow.cursor()`):
    /// for hot paths, where matching names through `Decodable` costs more than the values.
    package func map<T>(_ decode: (PQRow) throws -> T) rethrows -> [T] {
        try (0..<rowCount).map { try decode(PQRow(result: self, index: $0)) }
    }

    /// The first row as `T`, or nil when there are no rows.
    package func first<T: Decodable>(_ type: T.Type = T.self) throws -> T? {
        try rows.first?.decode(T.self)
    }

    /// The value of the first column of the first row.
    package func scalar<T: PQDecodable>(_ type: T.Type = T.self) throws -> T? {
        guard rowCount > 0, columnCount > 0 else { return nil }
        return try PQRow(result: self, index: 0).decode(T?.self, at: 0)
    }
}
