/// A share (coverage: insured / active), held exactly in basis points (1/10,000) because the
/// views give it as `numeric(6,4)`; never a floating point, so a report shows what the view says.
package struct Rate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    package let basisPoints: Int

    package init(basisPoints: Int) { self.basisPoints = basisPoints }

    package static let zero = Rate(basisPoints: 0)

    /// Parses the view's decimal text (`0.7500`, `1.0000`, `0`, `.5`); nil for more than four
    /// decimals, a sign or anything that is not a plain decimal.
    package init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard whole.count <= 4, fraction.count <= 4, !(whole.isEmpty && fraction.isEmpty),
              whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        let padded = fraction + String(repeating: "0", count: 4 - fraction.count)
        basisPoints = (Int(whole) ?? 0) * 10_000 + (Int(padded) ?? 0)
    }

    /// As the view writes it: `0.7500`.
    package var description: String {
        let fraction = String(basisPoints % 10_000)
        return "\(basisPoints / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// As people read it: `75.00%`.
    package var percent: String {
        let hundredths = String(basisPoints % 100)
        return "\(basisPoints / 100)." + (hundredths.count == 1 ? "0" : "") + hundredths + "%"
    }

    package static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.basisPoints < rhs.basisPoints }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let rate = Rate(decimal: try container.decode(String.self)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a rate is a decimal string like \"0.7500\""))
        }
        self = rate
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
