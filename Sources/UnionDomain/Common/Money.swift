/// An amount of yuan, held exactly in fen. Written as a decimal string with two places
/// (`"1500.00"`) in the API and as `numeric(14,2)` in the database: never a floating point.
package struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package let fen: Int64

    package init(fen: Int64) { self.fen = fen }

    /// Parses `1500`, `1500.5`, `1500.50`, `-3.20`; nil for anything else (more than two
    /// decimals, exponents, thousands separators) or more than 999,999,999,999.99.
    package init?(_ text: String) {
        var digits = Substring(text.trimmingWhitespace())
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 12,
              whole.allSatisfy(\.isASCIIDigit), let yuan = Int64(whole) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit), let value = Int64(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        let total = yuan * 100 + cents
        fen = negative ? -total : total
    }

    package static let zero = Money(fen: 0)

    package var description: String {
        let absolute = fen.magnitude
        let cents = absolute % 100
        return (fen < 0 ? "-" : "") + String(absolute / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    package static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    package static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    package static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self), let money = Money(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "money is a decimal string like \"1500.00\""))
        }
        self = money
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
