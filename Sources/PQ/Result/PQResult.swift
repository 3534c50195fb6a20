import CLibPQ
import Synchronization

/// The rows of one statement, read in place from libpq's `PGresult`.
///
/// The `PGresult` is freed (`PQclear`) when the last reference goes, so no path can leak it.
/// `@unchecked Sendable`: libpq never changes a `PGresult` after handing it over and documents it
/// as safe to read from any thread; this class only reads it.
package final class PQResult: @unchecked Sendable {
    private let handle: OpaquePointer
    package let rowCount: Int
    package let columnCount: Int
    /// Names are read from the `PGresult` the first time something asks for one (decoding by
    /// name, an error message): a result decoded by position never builds them.
    private let names = Mutex<ColumnNames?>(nil)

    /// Takes ownership of `handle`.
    init(taking handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
    }

    /// Column names in order.
    package var columns: [String] { columnNames.columns }

    func columnType(_ column: Int) -> PQType { PQType(PQftype(handle, Int32(column))) }

    /// The names and their positions, built once; a row decoder fetches them once per row.
    var columnNames: ColumnNames {
        names.withLock { names in
            if let names { return names }
            let built = ColumnNames(handle: handle, count: columnCount)
            names = built
            return built
        }
    }

    struct ColumnNames: Sendable {
        let columns: [String]
        private let positions: [String: Int]

        init(handle: OpaquePointer, count: Int) {
            var columns: [String] = []
            var positions: [String: Int] = [:]
            columns.reserveCapacity(count)
            for column in 0..<count {
                let name = PQfname(handle, Int32(column)).map { String(cString: $0) } ?? "?column?"
                columns.append(name)
                if positions[name] == nil { positions[name] = column }
            }
            self.columns = columns
            self.positions = positions
        }

        func position(of name: String) -> Int? { positions[name] }
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

    package func index(ofColumn name: String) -> Int? { columnNames.position(of: name) }

    /// The bytes of a cell in libpq's buffer (its text form), or nil for NULL. They belong to
    /// this result: valid only while it is alive.
    func bytes(row: Int, column: Int) -> UnsafeRawBufferPointer? {
        if PQgetisnull(handle, Int32(row), Int32(column)) != 0 { return nil }
        guard let pointer = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: Int(PQgetlength(handle, Int32(row), Int32(column))))
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
