extension StoreMessage {
    /// The refusals the insurance stores raise themselves (and the constraint table reuses).
    static func insurance(_ reason: String) -> StoreMessage {
        switch reason {
        case "duplicate_plan_code": StoreMessage(code: "duplicate_plan_code", field: "code", en: "A plan with this code exists.", zh: "该代码的保障计划已存在。")
        case "duplicate_period": StoreMessage(code: "duplicate_period", field: "starts_on", en: "The plan already has a period starting on this date.",
                                              zh: "该计划已有同一开始日期的保障期。")
        case "already_enrolled": StoreMessage(code: "already_enrolled", field: "worker_id", en: "This person is already enrolled in this period.",
                                              zh: "该职工本保障期已参保。")
        case "enrolment_closed": StoreMessage(code: "enrolment_closed", en: "The period is not open for enrolment today.", zh: "当前不在参保期内。")
        case "cap_exhausted": StoreMessage(code: "cap_exhausted", en: "The enrolment's caps are reached; nothing more can be approved.",
                                           zh: "已达保障上限，不能再批准赔付。")
        case "premium_not_reversible": StoreMessage(code: "premium_not_reversible", en: "A premium paid for enrolments is not reversed.",
                                                    zh: "已用于参保的保费不能冲正。")
        case "invalid_transition": StoreMessage(code: "invalid_transition", en: "The claim is not in a state that allows this.",
                                                zh: "理赔当前状态不允许此操作。")
        default: StoreMessage(code: "conflict", en: "The request conflicts with the current state.", zh: "请求与当前状态冲突。")
        }
    }
}
