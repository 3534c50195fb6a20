/// `officeID` → `office_id`, `memberSince` → `member_since`, `pageURLText` → `page_url_text`:
/// Swift property names as PostgreSQL columns (row decoding) and JSON keys (the API). Names
/// are ASCII and this runs per column or key, so it works on bytes.
package enum SnakeCase {
    package static func convert(_ name: String) -> String {
        let bytes = Array(name.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 4)
        func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        func isLowerOrDigit(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        for (index, byte) in bytes.enumerated() {
            if isUpper(byte), index > 0 {
                let previous = bytes[index - 1]
                let nextIsLower = index + 1 < bytes.count && isLowerOrDigit(bytes[index + 1]) && !isUpper(bytes[index + 1])
                if isLowerOrDigit(previous) || (isUpper(previous) && nextIsLower) { result.append(UInt8(ascii: "_")) }
            }
            result.append(isUpper(byte) ? byte + 32 : byte)
        }
        return String(decoding: result, as: UTF8.self)
    }
}
