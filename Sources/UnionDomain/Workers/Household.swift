/// A member of a worker's household (家庭成员).
package struct HouseholdMember: Sendable, Hashable {
    package typealias ID = Identifier<HouseholdMember>

    package enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
        case spouse, child, parent, sibling, grandparent, grandchild, other
    }

    package enum SchoolLevel: String, Sendable, Hashable, Codable, CaseIterable {
        case primary
        case juniorHigh = "junior_high"
        case seniorHigh = "senior_high"
        case vocational
        case juniorCollege = "junior_college"
        case undergraduate
        case graduate
    }

    package let id: ID
    package var relation: Relation
    package var name: String
    package var idNumber: String?
    package var school: String?
    package var level: SchoolLevel?
    package var admissionYear: Int?
    /// The member has died (the household keeps them: a widow's file tells why it is poorer).
    package var deceased: Bool

    package init(id: ID, relation: Relation, name: String, idNumber: String?, school: String?, level: SchoolLevel?, admissionYear: Int?,
                 deceased: Bool = false) {
        self.id = id
        self.relation = relation
        self.name = name
        self.idNumber = idNumber
        self.school = school
        self.level = level
        self.admissionYear = admissionYear
        self.deceased = deceased
    }
}

/// A household member as submitted.
package struct HouseholdMemberInput: Sendable, Hashable, Codable {
    package var relation: String?
    package var name: String?
    package var idNumber: String?
    package var school: String?
    package var level: String?
    package var admissionYear: Int?
    package var deceased: Bool?

    package init(relation: String? = nil, name: String? = nil, idNumber: String? = nil, school: String? = nil, level: String? = nil, admissionYear: Int? = nil,
                 deceased: Bool? = nil) {
        self.relation = relation
        self.name = name
        self.idNumber = idNumber
        self.school = school
        self.level = level
        self.admissionYear = admissionYear
        self.deceased = deceased
    }
}

/// Validated household member fields. The ID number is optional (a minor may have none); the
/// school fields belong to children only.
package struct HouseholdMemberFields: Sendable, Hashable {
    package var relation: HouseholdMember.Relation
    package var name: String
    package var idNumber: String?
    package var school: String?
    package var level: HouseholdMember.SchoolLevel?
    package var admissionYear: Int?
    package var deceased: Bool

    package init(_ input: HouseholdMemberInput, today: CalendarDate = .today()) throws(ValidationFailure) {
        var validator = Validator()
        let relation = WorkerFields.enumeration(input.relation, field: "relation", as: HouseholdMember.Relation.self, into: &validator)
        if input.relation.nonBlank == nil { validator.add(.required("relation")) }
        let name = validator.text(input.name, field: "name", max: WorkerFields.maxNameLength)
        var idNumber: String?
        if let text = input.idNumber.nonBlank {
            switch ResidentID.parse(text, today: today) {
            case .success(let id): idNumber = id.value
            case .failure(let problem): validator.add(ResidentID.fieldError(problem, field: "id_number"))
            }
        }
        let level = WorkerFields.enumeration(input.level, field: "level", as: HouseholdMember.SchoolLevel.self, into: &validator)
        let school = WorkerFields.optionalText(input.school, field: "school", max: 100, into: &validator)
        if let year = input.admissionYear, !(1950...(today.year + 1)).contains(year) {
            validator.add(FieldError(field: "admission_year", code: "out_of_range", message: "must be a year from 1950 to next year",
                                     messageZH: "入学年份无效"))
        }
        let schooling = level != nil || school != nil || input.admissionYear != nil
        if schooling, relation != nil, relation != .child, relation != .grandchild {
            validator.add(FieldError(field: "level", code: "not_a_child", message: "school details are for children",
                                     messageZH: "学校信息仅适用于子女"))
        }
        try validator.finish()
        guard let relation, let name else { throw ValidationFailure([.required("relation")]) }
        self.relation = relation
        self.name = name
        self.idNumber = idNumber
        self.school = school
        self.level = level
        self.admissionYear = input.admissionYear
        self.deceased = input.deceased ?? false
    }
}

/// 劳模: a worker's model-worker honour.
package struct ModelWorkerRecord: Sendable, Hashable, Codable {
    package enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case national, provincial, municipal, other
    }

    package var level: Level
    package var title: String
    package var yearAwarded: Int
    package var retired: Bool

    package init(level: Level, title: String, yearAwarded: Int, retired: Bool) {
        self.level = level
        self.title = title
        self.yearAwarded = yearAwarded
        self.retired = retired
    }

    package init(level: String?, title: String?, yearAwarded: Int?, retired: Bool?, today: CalendarDate = .today()) throws(ValidationFailure) {
        var validator = Validator()
        let parsedLevel = WorkerFields.enumeration(level, field: "level", as: Level.self, into: &validator)
        if level.nonBlank == nil { validator.add(.required("level")) }
        let title = validator.text(title, field: "title", max: 100)
        if let year = yearAwarded {
            validator.check((1950...today.year).contains(year), FieldError(field: "year_awarded", code: "out_of_range",
                                                                         message: "must be a year from 1950 to this year", messageZH: "获奖年份无效"))
        } else {
            validator.add(.required("year_awarded"))
        }
        try validator.finish()
        guard let parsedLevel, let title, let yearAwarded else { throw ValidationFailure([.required("level")]) }
        self.init(level: parsedLevel, title: title, yearAwarded: yearAwarded, retired: retired ?? false)
    }
}
