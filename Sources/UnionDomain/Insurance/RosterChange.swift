import Foundation

/// An enrolled worker who retired, died or left before the period ended (参保名册变动), for the
/// branch to report to the insurer.
package struct RosterChange: Sendable, Hashable {
    package let enrolmentID: Enrolment.ID
    package let workerID: Worker.ID
    package let name: String
    package let officeID: Office.ID
    package let change: MembershipStatus
    package let changedOn: CalendarDate

    package init(enrolmentID: Enrolment.ID, workerID: Worker.ID, name: String, officeID: Office.ID, change: MembershipStatus,
                 changedOn: CalendarDate) {
        self.enrolmentID = enrolmentID
        self.workerID = workerID
        self.name = name
        self.officeID = officeID
        self.change = change
        self.changedOn = changedOn
    }

    package static let csvHeader = "enrolment_id,worker_id,name,office_id,change,changed_on"

    /// One CSV line. Names are quoted when they need it and never read as a formula.
    package var csvLine: String {
        [enrolmentID.description, workerID.description, name, officeID.description, change.rawValue, changedOn.description]
            .map(Self.quote).joined(separator: ",")
    }

    static func quote(_ value: String) -> String {
        let needs = value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || value.first.map { "=+-@".contains($0) } == true
        return needs ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
