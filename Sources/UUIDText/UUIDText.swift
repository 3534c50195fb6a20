import Foundation

/// UUIDs as canonical text (`8-4-4-4-12` hex digits), both ways, without Foundation's
/// `sprintf` and `sscanf`: ids are parsed from every path and row and printed into every
/// response, and both showed up in profiles. Written in lower case, as PostgreSQL prints them.
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

    /// Hex digits in either case; nil for anything but the canonical 36-character form.
    package static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    package static func parse(_ text: UnsafeRawBufferPointer) -> UUID? {
        guard text.count == 36, text[8] == UInt8(ascii: "-"), text[13] == UInt8(ascii: "-"),
              text[18] == UInt8(ascii: "-"), text[23] == UInt8(ascii: "-") else { return nil }
        func nibble(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let complete = withUnsafeMutableBytes(of: &uuid) { out -> Bool in
            var position = 0
            for index in 0..<16 {
                if position == 8 || position == 13 || position == 18 || position == 23 { position += 1 }
                guard let high = nibble(text[position]), let low = nibble(text[position + 1]) else { return false }
                out[index] = high << 4 | low
                position += 2
            }
            return true
        }
        return complete ? UUID(uuid: uuid) : nil
    }
}
