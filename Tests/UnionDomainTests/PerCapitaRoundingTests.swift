import Testing
import UnionDomain

/// (income − essential spending) / 12 / household size, half-up to the fen: half a fen goes away
/// from zero, anything less goes back. Each row says what truncation got wrong, where it did.
@Suite("Per-capita monthly income rounding")
struct PerCapitaRoundingTests {
    static let table: [(size: Int, income: String, spending: String, expected: String)] = [
        (3, "30000.00", "6000.00", "666.67"),    // 666.666…: truncation said 666.66
        (3, "36000.00", "6000.00", "833.33"),    // 833.333…: stays down
        (1, "16739.94", "0", "1395.00"),         // 1,394.995 exactly: half goes up (truncation: 1,394.99)
        (1, "16739.93", "0", "1394.99"),         // 1,394.994…: stays down
        (2, "0.12", "0", "0.01"),                // half a fen
        (2, "0.11", "0", "0.00"),                // 0.458… fen
        (4, "48000.00", "0", "1000.00"),         // exact
        (1, "0", "0.06", "-0.01"),               // −half a fen: away from zero
        (1, "0", "1.00", "-0.08"),               // −8.33 fen
        (5, "60000.00", "60000.00", "0.00"),
    ]

    @Test(arguments: table)
    func roundsHalfUpToTheFen(row: (size: Int, income: String, spending: String, expected: String)) throws {
        let finances = HouseholdFinances(size: row.size, annualIncome: try #require(Money(row.income)),
                                         essentialSpending: try #require(Money(row.spending)), hardshipCosts: .zero)
        #expect(finances.perCapitaMonthly == Money(row.expected), "\(row)")
    }

    /// The case that mattered: 1,394.995 a head is not below a 低保 of 1,395.
    @Test func aHalfFenBelowTheStandardIsNotDeep() throws {
        let finances = HouseholdFinances(size: 1, annualIncome: try #require(Money("16739.94")), essentialSpending: .zero, hardshipCosts: .zero)
        #expect(HardshipRules.tier(for: finances, dibao: Money(fen: 139_500), mainCause: .illness) == .relative)
    }

    @Test func aHouseholdCountsTheWorkerAndTheRecordedMembers() {
        #expect(throws: Never.self) { try HardshipRules.checkHouseholdSize(3, recordedMembers: 2) }
        #expect(throws: Never.self) { try HardshipRules.checkHouseholdSize(5, recordedMembers: 2) }
        #expect(throws: ValidationFailure.self) { try HardshipRules.checkHouseholdSize(2, recordedMembers: 2) }
    }
}
