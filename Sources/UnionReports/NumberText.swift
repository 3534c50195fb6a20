import UnionDomain

/// Numbers as people read them in a report: thousands separators (`1,234,567`), money with
/// its two decimals (`28,800.00`). Integer arithmetic only, so nothing is ever rounded.
package enum NumberText {
    package static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    package static func money(_ money: Money) -> String {
        let cents = money.fen.magnitude % 100
        let yuan = grouped(Int64(money.fen.magnitude / 100))
        return (money.fen < 0 ? "-" : "") + yuan + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
