/// Whose figures a report row holds: one office's own, or a whole area's (people and
/// households counted once across its offices, so an area row is not the sum of its offices').
package enum ReportLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case office
    case area
}

/// One row of `reporting.annual_summary`: what the federation publishes for a year, for one
/// office or one area. Amounts in yuan (`Money`), counts of distinct households or people, and
/// participant-times (人次). Property names are the view's columns in camelCase.
package struct AnnualFigures: Sendable, Hashable, Decodable {
    package let year: Int
    package let level: ReportLevel
    package let officeCode: String
    package let officeName: String
    package let reliefHouseholds: Int
    package let reliefCash: Money
    package let reliefGoods: Money
    package let reliefTotal: Money
    package let educationStudents: Int
    package let educationCash: Money
    package let educationTotal: Money
    package let modelWorkers: Int
    package let modelWorkerCash: Money
    package let modelWorkerGoods: Money
    package let modelWorkerTotal: Money
    package let holidayHouseholds: Int
    package let holidayVisits: Int
    package let holidayCash: Money
    package let holidayTotal: Money
    package let aidTotal: Money
    package let events: Int
    package let participantTimes: Int
    package let trainingParticipantTimes: Int
    package let activeMembers: Int
    package let insuredMembers: Int
    package let insuranceCoverageRate: Rate

    /// A year the view has no row for (before the first data, or after this year): every figure
    /// zero, so a report over years without data reads as zeros rather than failing.
    package static func zero(year: Int, level: ReportLevel, officeCode: String, officeName: String) -> AnnualFigures {
        AnnualFigures(year: year, level: level, officeCode: officeCode, officeName: officeName,
                      reliefHouseholds: 0, reliefCash: .zero, reliefGoods: .zero, reliefTotal: .zero,
                      educationStudents: 0, educationCash: .zero, educationTotal: .zero,
                      modelWorkers: 0, modelWorkerCash: .zero, modelWorkerGoods: .zero, modelWorkerTotal: .zero,
                      holidayHouseholds: 0, holidayVisits: 0, holidayCash: .zero, holidayTotal: .zero, aidTotal: .zero,
                      events: 0, participantTimes: 0, trainingParticipantTimes: 0, activeMembers: 0, insuredMembers: 0,
                      insuranceCoverageRate: .zero)
    }

    /// The rows a report over `years` shows for `scopes`: the view's row where there is one,
    /// zeros where there is none, in the order year, area before office, office code.
    package static func filled(_ rows: [AnnualFigures], years: ReportYears, scopes: [ReportScope]) -> [AnnualFigures] {
        var found: [String: AnnualFigures] = [:]
        for row in rows { found["\(row.year) \(row.level.rawValue) \(row.officeCode)"] = row }
        let ordered = scopes.sorted { ($0.level == .area ? 0 : 1, $0.officeCode) < ($1.level == .area ? 0 : 1, $1.officeCode) }
        return years.years.flatMap { year in
            ordered.map { scope in
                found["\(year) \(scope.level.rawValue) \(scope.officeCode)"]
                    ?? .zero(year: year, level: scope.level, officeCode: scope.officeCode, officeName: scope.officeName)
            }
        }
    }
}

/// One office or area a report shows rows for.
package struct ReportScope: Sendable, Hashable {
    package let level: ReportLevel
    package let officeCode: String
    package let officeName: String

    package init(level: ReportLevel, officeCode: String, officeName: String) {
        self.level = level
        self.officeCode = officeCode
        self.officeName = officeName
    }
}
