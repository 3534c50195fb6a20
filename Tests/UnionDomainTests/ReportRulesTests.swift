import Testing
import UnionDomain

/// The report's year range and its exact rates.
struct ReportRulesTests {
    @Test(arguments: [
        (2024, 2026, nil), (nil, nil, nil), (2000, 2049, nil), (2026, 2025, "from"), (1999, 2000, "from"), (2100, 2101, "to"),
        (2000, 2050, "to"),
    ] as [(Int?, Int?, String?)])
    func yearRanges(from: Int?, to: Int?, field: String?) {
        do {
            let years = try ReportYears(from: from, to: to, thisYear: 2026)
            #expect(field == nil)
            #expect(years.from == (from ?? 2026) && years.to == (to ?? 2026))
        } catch {
            #expect(error.errors.map(\.field) == [field].compactMap { $0 })
        }
    }

    @Test func fromDefaultsToTo() throws {
        let years = try ReportYears(from: nil, to: 2024, thisYear: 2026)
        #expect(years.years == 2024...2024)
    }

    @Test(arguments: [("0.7500", 7500, "75.00%"), ("1.0000", 10_000, "100.00%"), ("0", 0, "0.00%"), ("0.0001", 1, "0.01%"), (".5", 5000, "50.00%")])
    func ratesAreExact(text: String, basisPoints: Int, percent: String) throws {
        let rate = try #require(Rate(decimal: text))
        #expect(rate.basisPoints == basisPoints)
        #expect(rate.percent == percent)
        #expect(Rate(decimal: rate.description) == rate)
    }

    @Test(arguments: ["", ".", "0.12345", "-0.5", "1e-2", "0,5", "abc"])
    func malformedRatesAreRefused(text: String) {
        #expect(Rate(decimal: text) == nil)
    }
}
