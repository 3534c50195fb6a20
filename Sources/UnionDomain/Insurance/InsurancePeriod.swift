import Foundation

/// 保障期: a plan's coverage from `startsOn` to `endsOn` (both inclusive), with the window in
/// which branches enrol.
package struct InsurancePeriod: Sendable, Hashable {
    package typealias ID = Identifier<InsurancePeriod>

    package let id: ID
    package let planID: InsurancePlan.ID
    package let officeID: Office.ID
    package let startsOn: CalendarDate
    package let endsOn: CalendarDate
    package let enrolOpensOn: CalendarDate
    package let enrolClosesOn: CalendarDate

    package init(id: ID, planID: InsurancePlan.ID, officeID: Office.ID, startsOn: CalendarDate, endsOn: CalendarDate,
                 enrolOpensOn: CalendarDate, enrolClosesOn: CalendarDate) {
        self.id = id
        self.planID = planID
        self.officeID = officeID
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.enrolOpensOn = enrolOpensOn
        self.enrolClosesOn = enrolClosesOn
    }

    package func covers(_ date: CalendarDate) -> Bool { startsOn <= date && date <= endsOn }
}

/// A period as submitted; the enrolment window defaults to the month before the start through
/// the start.
package struct InsurancePeriodFields: Sendable, Hashable {
    package let planID: InsurancePlan.ID
    package let startsOn: CalendarDate
    package let endsOn: CalendarDate
    package let enrolOpensOn: CalendarDate
    package let enrolClosesOn: CalendarDate

    package init(planID: String?, startsOn: String?, endsOn: String?, enrolOpensOn: String?, enrolClosesOn: String?) throws(ValidationFailure) {
        var validator = Validator()
        let plan = InsuranceFields.id(planID, field: "plan_id", as: InsurancePlan.self, into: &validator)
        let start = AidFields.date(startsOn, field: "starts_on", into: &validator)
        let end = AidFields.date(endsOn, field: "ends_on", into: &validator)
        if startsOn?.isEmpty ?? true { validator.add(.required("starts_on")) }
        if endsOn?.isEmpty ?? true { validator.add(.required("ends_on")) }
        let opens = AidFields.date(enrolOpensOn, field: "enrol_opens_on", into: &validator)
        let closes = AidFields.date(enrolClosesOn, field: "enrol_closes_on", into: &validator)
        if let start, let end, end <= start {
            validator.add(FieldError(field: "ends_on", code: "before_start", message: "must be after starts_on", messageZH: "须晚于开始日期"))
        }
        try validator.finish()
        guard let plan, let start, let end else { throw ValidationFailure([.required("plan_id")]) }
        let windowOpens = opens ?? start.adding(months: -1)
        let windowCloses = closes ?? start
        guard windowOpens <= windowCloses, windowCloses <= end else {
            throw ValidationFailure([FieldError(field: "enrol_closes_on", code: "outside_period",
                                                message: "must be on or after enrol_opens_on and no later than ends_on",
                                                messageZH: "须不早于参保开始日且不晚于保障期结束日")])
        }
        self.planID = plan
        self.startsOn = start
        self.endsOn = end
        self.enrolOpensOn = windowOpens
        self.enrolClosesOn = windowCloses
    }
}
