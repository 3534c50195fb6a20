import Foundation

/// Coverage rate per branch = enrolled active members / active members (DOMAIN.md).
package struct CoverageLine: Sendable, Hashable {
    package let officeID: Office.ID?
    package let officeName: String
    package let activeMembers: Int
    package let enrolled: Int

    package init(officeID: Office.ID?, officeName: String, activeMembers: Int, enrolled: Int) {
        self.officeID = officeID
        self.officeName = officeName
        self.activeMembers = activeMembers
        self.enrolled = enrolled
    }

    /// The rate in percent with two decimals, rounded half up ("75.00"); "0.00" with no members.
    package var ratePercent: String {
        guard activeMembers > 0 else { return "0.00" }
        let hundredths = (enrolled * 10_000 * 2 + activeMembers) / (activeMembers * 2)
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction)"
    }

    /// The area line: the branches added up.
    package static func total(_ lines: [CoverageLine], name: String) -> CoverageLine {
        CoverageLine(officeID: nil, officeName: name, activeMembers: lines.reduce(0) { $0 + $1.activeMembers },
                     enrolled: lines.reduce(0) { $0 + $1.enrolled })
    }
}
