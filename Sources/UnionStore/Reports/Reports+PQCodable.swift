import PQ
import UnionDomain

/// The views' rates are `numeric(6,4)`: their text goes straight to basis points.
extension Rate: PQDecodable {
    package static func pqDecode(text: Substring.UTF8View, type: PQType) throws(PQValueError) -> Rate {
        guard type == .numeric || type == .int4 || type == .int8, let rate = Rate(decimal: String(Substring(text))) else {
            throw PQValueError("not a rate with at most four decimals")
        }
        return rate
    }
}

extension ReportLevel: PQDecodable {}
