import Foundation

/// One line of goods as submitted.
package struct AidGoodsInput: Sendable, Hashable, Codable {
    package var item: String?
    package var quantity: Int?
    package var unit: String?
    package var unitValue: String?
    package var source: String?

    package init(item: String? = nil, quantity: Int? = nil, unit: String? = nil, unitValue: String? = nil, source: String? = nil) {
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.unitValue = unitValue
        self.source = source
    }
}

/// A case as a branch files (or edits) it. `cash_requested` absent means the program's standard.
package struct AidCaseInput: Sendable, Hashable {
    package var workerID: String?
    package var programID: String?
    package var reason: String?
    package var cashRequested: String?
    package var justification: String?
    package var goods: [AidGoodsInput]?
    package var studentID: String?
    package var schoolYear: Int?

    package init(workerID: String? = nil, programID: String? = nil, reason: String? = nil, cashRequested: String? = nil,
                 justification: String? = nil, goods: [AidGoodsInput]? = nil, studentID: String? = nil, schoolYear: Int? = nil) {
        self.workerID = workerID
        self.programID = programID
        self.reason = reason
        self.cashRequested = cashRequested
        self.justification = justification
        self.goods = goods
        self.studentID = studentID
        self.schoolYear = schoolYear
    }
}

/// A validated case; the rules that need the program and the person (standard, eligibility,
/// once-per) are the store's, in the same transaction as the insert.
package struct AidCaseFields: Sendable, Hashable {
    package let workerID: Worker.ID
    package let programID: AidProgram.ID
    package let reason: String
    package let cashRequested: Money?
    package let justification: String?
    package let goods: [AidGoods]
    package let studentID: HouseholdMember.ID?
    package let schoolYear: Int?

    package init(_ input: AidCaseInput) throws(ValidationFailure) {
        var validator = Validator()
        func id<Tag>(_ text: String?, _ field: String, required: Bool) -> Identifier<Tag>? {
            guard let text else {
                if required { validator.add(.required(field)) }
                return nil
            }
            guard let id = Identifier<Tag>(uuidString: text) else {
                validator.add(.invalidFormat(field, expected: "a UUID", expectedZH: "UUID"))
                return nil
            }
            return id
        }
        let worker: Worker.ID? = id(input.workerID, "worker_id", required: true)
        let program: AidProgram.ID? = id(input.programID, "program_id", required: true)
        let reason = validator.text(input.reason, field: "reason", max: 500)
        let cash = AidFields.money(input.cashRequested, field: "cash_requested", required: false, into: &validator)
        let justification = AidFields.optionalText(input.justification, field: "justification", max: 500, into: &validator)
        let student: HouseholdMember.ID? = id(input.studentID, "student_id", required: false)
        if let year = input.schoolYear, !(2000...2100).contains(year) {
            validator.add(FieldError(field: "school_year", code: "out_of_range", message: "must be the year the school year starts, 2000 to 2100",
                                     messageZH: "须为学年开始的年份（2000–2100）"))
        }
        if (input.studentID == nil) != (input.schoolYear == nil) {
            validator.add(FieldError(field: input.studentID == nil ? "student_id" : "school_year", code: "required_together",
                                     message: "student_id and school_year go together", messageZH: "学生与学年须同时填写"))
        }
        let goods = Self.goods(input.goods ?? [], into: &validator)
        try validator.finish()
        guard let worker, let program, let reason else { throw ValidationFailure([.required("worker_id")]) }
        workerID = worker
        programID = program
        self.reason = reason
        cashRequested = cash
        self.justification = justification
        self.goods = goods
        studentID = student
        schoolYear = input.schoolYear
    }

    package static func goods(_ lines: [AidGoodsInput], into validator: inout Validator) -> [AidGoods] {
        if lines.count > 20 { validator.add(FieldError(field: "goods", code: "too_many", message: "at most 20 lines", messageZH: "最多20项")) }
        var goods: [AidGoods] = []
        for (index, line) in lines.enumerated() {
            let place = "goods[\(index)]"
            let item = validator.text(line.item, field: "\(place).item", max: 50)
            let unit = validator.text(line.unit, field: "\(place).unit", max: 10)
            let value = AidFields.money(line.unitValue, field: "\(place).unit_value", required: true, into: &validator)
            let source = AidFields.enumeration(line.source ?? "fund", field: "\(place).source", as: AidGoods.Source.self, required: true,
                                               into: &validator)
            guard let quantity = line.quantity, (1...100_000).contains(quantity) else {
                validator.add(FieldError(field: "\(place).quantity", code: "out_of_range", message: "must be 1 to 100000", messageZH: "须在1到100000之间"))
                continue
            }
            if let item, let unit, let value, let source {
                goods.append(AidGoods(item: item, quantity: quantity, unit: unit, unitValue: value, source: source))
            }
        }
        return goods
    }
}

/// A disbursement as recorded: cash paid (default: the cash approved), how, when, and whether
/// the goods were handed over.
package struct DisbursementFields: Sendable, Hashable {
    package let cashPaid: Money?
    package let method: AidCase.PaymentMethod
    package let date: CalendarDate

    package init(cashPaid: String?, method: String?, date: String?, today: CalendarDate) throws(ValidationFailure) {
        var validator = Validator()
        let cash = AidFields.money(cashPaid, field: "cash_paid", required: false, into: &validator)
        let method = AidFields.enumeration(method, field: "method", as: AidCase.PaymentMethod.self, required: true, into: &validator)
        let date = AidFields.date(date, field: "date", into: &validator) ?? today
        // Money is paid on a day that has come: a future date would book the payment (and
        // count its household) in a period that has not happened.
        if date > today {
            validator.add(FieldError(field: "date", code: "in_the_future", message: "must not be after today (\(today), Beijing time)",
                                     messageZH: "不能晚于今天（北京时间\(today)）"))
        }
        try validator.finish()
        guard let method else { throw ValidationFailure([.required("method")]) }
        self.cashPaid = cash
        self.method = method
        self.date = date
    }
}

/// The rules that need the program and the person, as pure functions the store calls.
package enum AidRules {
    /// The key of the program's standard that applies to this person, or nil when the basis
    /// has nothing to look it up by (no active file, no honour, no student).
    package static func standardKey(_ basis: AidProgram.StandardBasis, tier: HardshipTier?, honour: ModelWorkerRecord.Level?,
                                    schoolLevel: HouseholdMember.SchoolLevel?) -> String? {
        switch basis {
        case .hardshipTier: tier?.rawValue
        case .schoolLevel: schoolLevel?.rawValue
        case .honourLevel: honour?.rawValue
        case .flat: "flat"
        }
    }

    package static func isEligible(_ program: AidProgram, hasActiveHardshipFile: Bool, isModelWorker: Bool) -> Bool {
        switch program.eligibility {
        case .none: true
        case .activeHardshipFile: hasActiveHardshipFile || (program.includesModelWorkers && isModelWorker)
        case .modelWorker: isModelWorker
        }
    }

    /// The once-per key within the program (a unique index holds it across branches).
    package static func onceKey(_ oncePer: AidProgram.OncePer, worker: Worker.ID, student: String?, schoolYear: Int?) -> String {
        switch oncePer {
        case .person: "person:\(worker)"
        case .householdCampaign: "household:\(worker)"
        case .studentSchoolYear: "student:\(student ?? worker.description):\(schoolYear.map(String.init) ?? "")"
        }
    }

    package static let justificationRequired = ValidationFailure([FieldError(
        field: "justification", code: "required_above_standard",
        message: "a written justification is required for more than the program's standard",
        messageZH: "超过项目标准须填写书面理由")])
}
