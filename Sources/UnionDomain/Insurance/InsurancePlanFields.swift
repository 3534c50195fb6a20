import Foundation

/// Readers the insurance inputs share.
package enum InsuranceFields {
    /// A typed id from text; a malformed one is a 422 naming the field.
    package static func id<Tag>(_ text: String?, field: String, as: Tag.Type, required: Bool = true,
                                into validator: inout Validator) -> Identifier<Tag>? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            if required { validator.add(.required(field)) }
            return nil
        }
        guard let id = Identifier<Tag>(uuidString: text) else {
            validator.add(.invalidFormat(field, expected: "a UUID", expectedZH: "UUID"))
            return nil
        }
        return id
    }
}

/// A plan's terms as a client sends them: all optional, so a PATCH overlays them on the plan.
package struct InsurancePlanInput: Sendable, Hashable {
    package var code: String?
    package var name: String?
    package var insurer: String?
    package var premiumPerShare: String?
    package var maxShares: Int?
    package var sex: String?
    package var minAge: Int?
    package var maxAge: Int?
    package var deductible: String?
    package var payoutPercent: Int?
    package var capPerShare: String?
    package var capPerPeriod: String?

    package init(code: String? = nil, name: String? = nil, insurer: String? = nil, premiumPerShare: String? = nil, maxShares: Int? = nil,
                 sex: String? = nil, minAge: Int? = nil, maxAge: Int? = nil, deductible: String? = nil, payoutPercent: Int? = nil,
                 capPerShare: String? = nil, capPerPeriod: String? = nil) {
        self.code = code
        self.name = name
        self.insurer = insurer
        self.premiumPerShare = premiumPerShare
        self.maxShares = maxShares
        self.sex = sex
        self.minAge = minAge
        self.maxAge = maxAge
        self.deductible = deductible
        self.payoutPercent = payoutPercent
        self.capPerShare = capPerShare
        self.capPerPeriod = capPerPeriod
    }
}

extension InsurancePlan {
    /// The plan's terms as input, for a PATCH to overlay.
    package var input: InsurancePlanInput {
        InsurancePlanInput(code: code, name: name, insurer: insurer, premiumPerShare: premiumPerShare.description, maxShares: maxShares,
                           sex: eligibility.sex?.rawValue, minAge: eligibility.minAge, maxAge: eligibility.maxAge,
                           deductible: benefit.deductible.description, payoutPercent: benefit.payoutPercent,
                           capPerShare: benefit.capPerShare.description, capPerPeriod: benefit.capPerPeriod?.description)
    }
}

/// A plan's terms, validated.
package struct InsurancePlanFields: Sendable, Hashable {
    package let code: String
    package let name: String
    package let insurer: String
    package let premiumPerShare: Money
    package let maxShares: Int
    package let eligibility: InsurancePlan.Eligibility
    package let benefit: InsurancePlan.BenefitRule

    package init(_ input: InsurancePlanInput) throws(ValidationFailure) {
        var validator = Validator()
        let code = validator.text(input.code, field: "code", max: 100)
        if let code, code.count <= 100, code.range(of: "^[a-z0-9_-]{2,30}$", options: .regularExpression) == nil {
            validator.add(.invalidFormat("code", expected: "2 to 30 of a-z, 0-9, _ and -", expectedZH: "2至30个小写字母、数字、_或-"))
        }
        let name = validator.text(input.name, field: "name", max: 100)
        let insurer = validator.text(input.insurer, field: "insurer", max: 100)
        let premium = AidFields.money(input.premiumPerShare, field: "premium_per_share", required: true, positive: true, into: &validator)
        let maxShares = input.maxShares ?? 1
        validator.check((1...100).contains(maxShares), FieldError(field: "max_shares", code: "out_of_range", message: "must be 1 to 100", messageZH: "须为1到100"))
        let sex = AidFields.enumeration(input.sex, field: "sex", as: Sex.self, required: false, into: &validator)
        for (value, field) in [(input.minAge, "min_age"), (input.maxAge, "max_age")] {
            if let value, !(16...100).contains(value) {
                validator.add(FieldError(field: field, code: "out_of_range", message: "must be 16 to 100", messageZH: "须为16到100"))
            }
        }
        if let minAge = input.minAge, let maxAge = input.maxAge, maxAge < minAge {
            validator.add(FieldError(field: "max_age", code: "below_min_age", message: "must not be below min_age", messageZH: "不能小于最低年龄"))
        }
        let deductible = AidFields.money(input.deductible, field: "deductible", required: false, into: &validator) ?? .zero
        let percent = input.payoutPercent ?? 100
        validator.check((1...100).contains(percent), FieldError(field: "payout_percent", code: "out_of_range", message: "must be 1 to 100", messageZH: "须为1到100"))
        let capPerShare = AidFields.money(input.capPerShare, field: "cap_per_share", required: true, positive: true, into: &validator)
        let capPerPeriod = AidFields.money(input.capPerPeriod, field: "cap_per_period", required: false, positive: true, into: &validator)
        try validator.finish()
        guard let code, let name, let insurer, let premium, let capPerShare else { throw ValidationFailure([.required("code")]) }
        self.code = code
        self.name = name
        self.insurer = insurer
        self.premiumPerShare = premium
        self.maxShares = maxShares
        self.eligibility = InsurancePlan.Eligibility(sex: sex, minAge: input.minAge, maxAge: input.maxAge)
        self.benefit = InsurancePlan.BenefitRule(deductible: deductible, payoutPercent: percent, capPerShare: capPerShare, capPerPeriod: capPerPeriod)
    }
}
