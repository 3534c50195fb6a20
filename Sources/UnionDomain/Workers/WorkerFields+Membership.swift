/// When a person may be a union member, and where a worker is registered.
extension WorkerFields {
    /// 劳动法 allows no employment under 16, so nobody joins younger.
    package static let minimumJoiningAge = 16

    /// The first day someone born on `birth` is `minimumJoiningAge` (a 29 February birthday
    /// falls on 28 February in common years, as PostgreSQL's `date + interval` has it too).
    package static func sixteenthBirthday(of birth: CalendarDate) -> CalendarDate {
        birth.adding(months: minimumJoiningAge * 12)
    }

    /// Membership dates against the birth date: joining comes after birth and at 16 or older,
    /// and a worker without a member-since date is 16 or older today. One error at most, on
    /// the field that carries the wrong date.
    static func membershipDateError(birth: CalendarDate, memberSince: CalendarDate?, today: CalendarDate) -> FieldError? {
        let sixteen = sixteenthBirthday(of: birth)
        if let since = memberSince {
            if since <= birth {
                return FieldError(field: "member_since", code: "before_birth", message: "must be after the birth date",
                                  messageZH: "入会日期须晚于出生日期")
            }
            if since < sixteen {
                return FieldError(field: "member_since", code: "under_16",
                                  message: "must be on or after the worker's 16th birthday (\(sixteen))",
                                  messageZH: "入会时须年满16周岁（\(sixteen)起）")
            }
            return nil
        }
        guard today < sixteen else { return nil }
        return FieldError(field: "birth_date", code: "under_16", message: "the worker must be at least 16 today",
                          messageZH: "职工须年满16周岁")
    }
}

extension Office.Kind {
    /// Workers are registered with branches; the area and district offices hold none.
    package var registersWorkers: Bool { isBranchLevel }
}

extension FieldError {
    /// A worker named for an office that is not a branch.
    package static let notABranch = FieldError(field: "office_id", code: "not_a_branch",
                                               message: "must be a branch: workers are not registered with the area office itself",
                                               messageZH: "职工只能登记在基层工会，不能登记在地区工会本身")
}
