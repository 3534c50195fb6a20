/// A PostgreSQL type OID, with names for the built-in types the client encodes and decodes.
package struct PQType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }
    package init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// Lets the server infer the parameter's type from its context.
    package static let unspecified = PQType(0)
    package static let bool = PQType(16)
    package static let bytea = PQType(17)
    package static let char = PQType(18)
    package static let name = PQType(19)
    package static let int8 = PQType(20)
    package static let int2 = PQType(21)
    package static let int4 = PQType(23)
    package static let text = PQType(25)
    package static let oid = PQType(26)
    package static let json = PQType(114)
    package static let float4 = PQType(700)
    package static let float8 = PQType(701)
    package static let unknown = PQType(705)
    package static let boolArray = PQType(1000)
    package static let int2Array = PQType(1005)
    package static let int4Array = PQType(1007)
    package static let textArray = PQType(1009)
    package static let varcharArray = PQType(1015)
    package static let int8Array = PQType(1016)
    package static let bpchar = PQType(1042)
    package static let varchar = PQType(1043)
    package static let date = PQType(1082)
    package static let timestamp = PQType(1114)
    package static let timestamptz = PQType(1184)
    package static let numeric = PQType(1700)
    package static let uuid = PQType(2950)
    package static let uuidArray = PQType(2951)
    package static let jsonb = PQType(3802)

    private static let names: [UInt32: String] = [
        16: "bool", 17: "bytea", 18: "char", 19: "name", 20: "int8", 21: "int2", 23: "int4", 25: "text",
        26: "oid", 114: "json", 700: "float4", 701: "float8", 705: "unknown", 1000: "bool[]", 1005: "int2[]",
        1007: "int4[]", 1009: "text[]", 1015: "varchar[]", 1016: "int8[]", 1042: "bpchar", 1043: "varchar",
        1082: "date", 1114: "timestamp", 1184: "timestamptz", 1700: "numeric", 2950: "uuid", 2951: "uuid[]",
        3802: "jsonb",
    ]

    package var description: String { Self.names[rawValue] ?? "oid \(rawValue)" }

    /// Types whose text form is just a string.
    package var isTextual: Bool {
        switch self {
        case .text, .varchar, .bpchar, .name, .char, .unknown: return true
        default: return false
        }
    }
}
