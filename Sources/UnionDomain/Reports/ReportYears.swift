/// The years a report covers, `from` through `to`. Checked once here for the CLI and the API
/// alike: years 2000–2100 (the federation's records start after 2000; anything else is a typo),
/// `from` not after `to`, at most `maximumSpan` years (a report is read by people, and each
/// year adds a row per office).
package struct ReportYears: Sendable, Hashable {
    package static let earliest = 2000
    package static let latest = 2100
    package static let maximumSpan = 50

    package let from: Int
    package let to: Int

    package var years: ClosedRange<Int> { from...to }

    /// `to` defaults to `thisYear` (Beijing), `from` to `to`. The errors name the field (`from`,
    /// `to`) as the API's query parameters and the CLI's options do.
    package init(from: Int?, to: Int?, thisYear: Int) throws(ValidationFailure) {
        let to = to ?? thisYear
        let from = from ?? to
        var validator = Validator()
        for (field, year) in [("from", from), ("to", to)] where !(Self.earliest...Self.latest).contains(year) {
            validator.add(FieldError(field: field, code: "out_of_range", message: "must be a year from \(Self.earliest) to \(Self.latest)",
                                     messageZH: "须为\(Self.earliest)至\(Self.latest)之间的年份"))
        }
        if validator.errors.isEmpty {
            validator.check(from <= to, FieldError(field: "from", code: "after_to", message: "must not be after to", messageZH: "不能晚于结束年份"))
            validator.check(to - from < Self.maximumSpan,
                            FieldError(field: "to", code: "span_too_long", message: "must be within \(Self.maximumSpan) years of from",
                                       messageZH: "与起始年份相差不能超过\(Self.maximumSpan)年"))
        }
        try validator.finish()
        self.from = from
        self.to = to
    }
}
