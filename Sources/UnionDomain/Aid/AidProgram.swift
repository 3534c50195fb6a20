import Foundation

/// 帮扶项目: a kind of aid for a year, drawing on a fund within a budget, with amount standards,
/// a window, a once-per rule and who is eligible.
package struct AidProgram: Sendable, Hashable {
    package typealias ID = Identifier<AidProgram>

    package enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case hardshipRelief = "hardship_relief"
        case emergencyRelief = "emergency_relief"
        case educationAid = "education_aid"
        case modelWorkerAid = "model_worker_aid"
        case holidayWarmth = "holiday_warmth"
    }

    /// What the amount standard is looked up by.
    package enum StandardBasis: String, Sendable, Hashable, Codable, CaseIterable {
        case hardshipTier = "hardship_tier"
        case schoolLevel = "school_level"
        case honourLevel = "honour_level"
        case flat
    }

    package enum OncePer: String, Sendable, Hashable, Codable, CaseIterable {
        /// Once per person in the program.
        case person
        /// Once per student per school year (金秋助学).
        case studentSchoolYear = "student_school_year"
        /// One visit per household per campaign (送温暖).
        case householdCampaign = "household_campaign"
    }

    package enum Eligibility: String, Sendable, Hashable, Codable, CaseIterable {
        case activeHardshipFile = "active_hardship_file"
        case modelWorker = "model_worker"
        case none
    }

    package enum Festival: String, Sendable, Hashable, Codable, CaseIterable {
        case newYear = "new_year"
        case springFestival = "spring_festival"
        case midAutumn = "mid_autumn"
        case nationalDay = "national_day"
    }

    package let id: ID
    package let officeID: Office.ID
    package var kind: Kind
    package var name: String
    package var year: Int
    package var fundID: Fund.ID
    package var budget: Money
    package var spent: Money
    package var standardBasis: StandardBasis
    /// Standard amount by key: a hardship tier, a school level, an honour level, or `flat`.
    package var standards: [String: Money]
    package var opensOn: CalendarDate?
    package var closesOn: CalendarDate?
    package var oncePer: OncePer
    package var eligibility: Eligibility
    package var festival: Festival?
    /// A holiday campaign's visit list also takes model workers.
    package var includesModelWorkers: Bool

    package init(id: ID, officeID: Office.ID, kind: Kind, name: String, year: Int, fundID: Fund.ID, budget: Money, spent: Money,
                 standardBasis: StandardBasis, standards: [String: Money], opensOn: CalendarDate?, closesOn: CalendarDate?,
                 oncePer: OncePer, eligibility: Eligibility, festival: Festival?, includesModelWorkers: Bool) {
        self.id = id
        self.officeID = officeID
        self.kind = kind
        self.name = name
        self.year = year
        self.fundID = fundID
        self.budget = budget
        self.spent = spent
        self.standardBasis = standardBasis
        self.standards = standards
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.oncePer = oncePer
        self.eligibility = eligibility
        self.festival = festival
        self.includesModelWorkers = includesModelWorkers
    }

    package var remaining: Money { budget - spent }

    package func isOpen(on day: CalendarDate) -> Bool {
        if let opensOn, day < opensOn { return false }
        if let closesOn, day > closesOn { return false }
        return true
    }
}

extension AidProgram.Kind {
    /// What a program of this kind usually is; a program may say otherwise.
    package var defaults: (basis: AidProgram.StandardBasis, oncePer: AidProgram.OncePer, eligibility: AidProgram.Eligibility) {
        switch self {
        case .hardshipRelief: (.hardshipTier, .person, .activeHardshipFile)
        case .emergencyRelief: (.flat, .person, .none)
        case .educationAid: (.schoolLevel, .studentSchoolYear, .activeHardshipFile)
        case .modelWorkerAid: (.honourLevel, .person, .modelWorker)
        case .holidayWarmth: (.flat, .householdCampaign, .activeHardshipFile)
        }
    }
}

/// A program as submitted (create, or a PATCH merged over the current program).
package struct AidProgramInput: Sendable, Hashable {
    package var kind: String?
    package var name: String?
    package var year: Int?
    package var fundID: String?
    package var budget: String?
    package var standardBasis: String?
    package var standards: [String: String]?
    package var opensOn: String?
    package var closesOn: String?
    package var oncePer: String?
    package var eligibility: String?
    package var festival: String?
    package var includesModelWorkers: Bool?

    package init(kind: String? = nil, name: String? = nil, year: Int? = nil, fundID: String? = nil, budget: String? = nil,
                 standardBasis: String? = nil, standards: [String: String]? = nil, opensOn: String? = nil, closesOn: String? = nil,
                 oncePer: String? = nil, eligibility: String? = nil, festival: String? = nil, includesModelWorkers: Bool? = nil) {
        self.kind = kind
        self.name = name
        self.year = year
        self.fundID = fundID
        self.budget = budget
        self.standardBasis = standardBasis
        self.standards = standards
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.oncePer = oncePer
        self.eligibility = eligibility
        self.festival = festival
        self.includesModelWorkers = includesModelWorkers
    }
}

/// A validated program.
package struct AidProgramFields: Sendable, Hashable {
    package let kind: AidProgram.Kind
    package let name: String
    package let year: Int
    package let fundID: Fund.ID
    package let budget: Money
    package let standardBasis: AidProgram.StandardBasis
    package let standards: [String: Money]
    package let opensOn: CalendarDate?
    package let closesOn: CalendarDate?
    package let oncePer: AidProgram.OncePer
    package let eligibility: AidProgram.Eligibility
    package let festival: AidProgram.Festival?
    package let includesModelWorkers: Bool

    /// The keys a standard may have under each basis.
    package static func keys(for basis: AidProgram.StandardBasis) -> [String] {
        switch basis {
        case .hardshipTier: HardshipTier.allCases.map(\.rawValue)
        case .schoolLevel: HouseholdMember.SchoolLevel.allCases.map(\.rawValue)
        case .honourLevel: ModelWorkerRecord.Level.allCases.map(\.rawValue)
        case .flat: ["flat"]
        }
    }

    package init(_ input: AidProgramInput) throws(ValidationFailure) {
        var validator = Validator()
        let kind = AidFields.enumeration(input.kind, field: "kind", as: AidProgram.Kind.self, required: true, into: &validator)
        let name = validator.text(input.name, field: "name", max: 100)
        if input.year == nil { validator.add(.required("year")) }
        if let year = input.year, !(2000...2100).contains(year) {
            validator.add(FieldError(field: "year", code: "out_of_range", message: "must be 2000 to 2100", messageZH: "须在2000到2100之间"))
        }
        var fund: Fund.ID?
        if let text = input.fundID {
            fund = Fund.ID(uuidString: text)
            if fund == nil { validator.add(.invalidFormat("fund_id", expected: "a UUID", expectedZH: "UUID")) }
        } else {
            validator.add(.required("fund_id"))
        }
        let budget = AidFields.money(input.budget, field: "budget", required: true, into: &validator)
        let defaults = kind?.defaults
        let basis = AidFields.enumeration(input.standardBasis, field: "standard_basis", as: AidProgram.StandardBasis.self, required: false,
                                          into: &validator) ?? defaults?.basis
        let oncePer = AidFields.enumeration(input.oncePer, field: "once_per", as: AidProgram.OncePer.self, required: false, into: &validator)
            ?? defaults?.oncePer
        let eligibility = AidFields.enumeration(input.eligibility, field: "eligibility", as: AidProgram.Eligibility.self, required: false,
                                                into: &validator) ?? defaults?.eligibility
        let festival = AidFields.enumeration(input.festival, field: "festival", as: AidProgram.Festival.self, required: false, into: &validator)
        if kind == .holidayWarmth, festival == nil, input.festival == nil { validator.add(.required("festival")) }
        if let kind, kind != .holidayWarmth, festival != nil {
            validator.add(FieldError(field: "festival", code: "not_applicable", message: "only holiday_warmth programs name a festival",
                                     messageZH: "只有送温暖项目填写节日"))
        }
        var standards: [String: Money] = [:]
        let standardInput = input.standards ?? [:]
        if standardInput.isEmpty { validator.add(.required("standards")) }
        if let basis {
            let allowed = Self.keys(for: basis)
            for (key, text) in standardInput.sorted(by: { $0.key < $1.key }) {
                guard allowed.contains(key) else {
                    validator.add(.unknownValue("standards.\(key)", allowed: allowed))
                    continue
                }
                if let amount = AidFields.money(text, field: "standards.\(key)", required: true, into: &validator) { standards[key] = amount }
            }
        }
        let opensOn = AidFields.date(input.opensOn, field: "opens_on", into: &validator)
        let closesOn = AidFields.date(input.closesOn, field: "closes_on", into: &validator)
        if let opensOn, let closesOn, closesOn < opensOn {
            validator.add(FieldError(field: "closes_on", code: "before_opening", message: "must not be before opens_on", messageZH: "不能早于开始日期"))
        }
        try validator.finish()
        guard let kind, let name, let year = input.year, let fund, let budget, let basis, let oncePer, let eligibility else {
            throw ValidationFailure([.required("kind")])
        }
        self.kind = kind
        self.name = name
        self.year = year
        fundID = fund
        self.budget = budget
        standardBasis = basis
        self.standards = standards
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.oncePer = oncePer
        self.eligibility = eligibility
        self.festival = festival
        includesModelWorkers = input.includesModelWorkers ?? false
    }
}

extension AidProgram {
    /// The program as input, for a PATCH to be merged over.
    package var input: AidProgramInput {
        AidProgramInput(kind: kind.rawValue, name: name, year: year, fundID: fundID.description, budget: budget.description,
                        standardBasis: standardBasis.rawValue, standards: standards.mapValues(\.description),
                        opensOn: opensOn?.description, closesOn: closesOn?.description, oncePer: oncePer.rawValue,
                        eligibility: eligibility.rawValue, festival: festival?.rawValue, includesModelWorkers: includesModelWorkers)
    }
}
