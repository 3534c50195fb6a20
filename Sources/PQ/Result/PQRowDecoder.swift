import SnakeCase

/// A `Decoder` over one row: top-level keyed container only, one property per column.
struct PQRowDecoder: Decoder {
    let row: PQRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(row: row, names: row.result.columnNames))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a row decodes into a keyed type"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a row decodes into a keyed type"))
    }

    struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PQRow
        let names: PQResult.ColumnNames
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { names.columns.compactMap { Key(stringValue: $0) } }

        func column(for key: Key) -> Int? {
            names.position(of: key.stringValue) ?? names.position(of: SnakeCase.convert(key.stringValue))
        }

        func contains(_ key: Key) -> Bool { column(for: key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let column = column(for: key) else { return true }
            return row.isNull(at: column)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let column = column(for: key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no column \(key.stringValue)"))
            }
            guard let decodable = T.self as? any PQDecodable.Type else {
                throw PQDecodingError(column: key.stringValue, columnIndex: column, postgresType: "\(row.result.columnType(column))",
                                      swiftType: "\(T.self)", reason: "\(T.self) is not PQDecodable")
            }
            guard let value = try decodeColumn(decodable, at: column) as? T else {
                throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "column \(key.stringValue)"))
            }
            return value
        }

        private func decodeColumn<D: PQDecodable>(_ type: D.Type, at column: Int) throws -> any PQDecodable {
            try row.decode(D.self, at: column)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "rows are flat"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "rows are flat"))
        }

        func superDecoder() throws -> any Decoder { PQRowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { PQRowDecoder(row: row) }
    }
}
