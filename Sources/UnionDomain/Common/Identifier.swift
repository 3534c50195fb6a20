import Foundation
import UUIDText

/// A UUID that knows what it identifies, so an office's id can't be passed where a user's is
/// expected. `Tag` is the entity type; nothing of it is stored.
package struct Identifier<Tag>: Hashable, Sendable, Codable, CustomStringConvertible {
    package let rawValue: UUID

    package init(_ rawValue: UUID) { self.rawValue = rawValue }
    package init() { rawValue = UUID.random() }

    package init?(uuidString: String) {
        guard let uuid = UUIDText.parse(uuidString) else { return nil }
        rawValue = uuid
    }

    package init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Lower-case, as PostgreSQL prints UUIDs.
    package var description: String { UUIDText.lowercase(rawValue) }
}
