import Foundation

/// A UUID that knows what it identifies, so an office's id can't be passed where a user's is
/// expected. `Tag` is the entity type; nothing of it is stored.
package struct Identifier<Tag>: Hashable, Sendable, Codable, CustomStringConvertible {
    package let rawValue: UUID

    package init(_ rawValue: UUID) { self.rawValue = rawValue }
    package init() { rawValue = UUID.random() }

    package init?(uuidString: String) {
        guard let uuid = UUID(uuidString: uuidString) else { return nil }
        rawValue = uuid
    }

    package init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Lower-case, as PostgreSQL prints UUIDs. Written by hand: Foundation's `uuidString` goes
    /// through `sprintf`, and ids are formatted for every row of every response.
    package var description: String { UUIDText.lowercase(rawValue) }
}

/// Lower-case canonical UUID text without `sprintf`.
package enum UUIDText {
    private static let hex = Array("0123456789abcdef".utf8)

    package static func lowercase(_ uuid: UUID) -> String {
        let bytes = uuid.uuid
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            withUnsafeBytes(of: bytes) { raw in
                for (position, byte) in raw.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        buffer[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    buffer[index] = hex[Int(byte >> 4)]
                    buffer[index + 1] = hex[Int(byte & 0x0F)]
                    index += 2
                }
            }
            return index
        }
    }
}
