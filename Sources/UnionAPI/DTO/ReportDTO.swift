import Hummingbird
import UnionDomain

/// `GET /api/v1/reports/annual`: the years asked for and a row per year and office (and area),
/// every figure of `reporting.annual_summary`; amounts as strings (`"28800.00"`), the coverage
/// rate as a decimal string (`"0.7500"`).
struct AnnualReportDTO: ResponseEncodable {
    struct Row: Encodable {
        let year: Int
        let level: String
        let officeCode: String
        let officeName: String
        let reliefHouseholds: Int
        let reliefCash: Money
        let reliefGoods: Money
        let reliefTotal: Money
        let educationStudents: Int
        let educationCash: Money
        let educationTotal: Money
        let modelWorkers: Int
        let modelWorkerCash: Money
        let modelWorkerGoods: Money
        let modelWorkerTotal: Money
        let holidayHouseholds: Int
        let holidayVisits: Int
        let holidayCash: Money
        let holidayTotal: Money
        let aidTotal: Money
        let events: Int
        let participantTimes: Int
        let trainingParticipantTimes: Int
        let activeMembers: Int
        let insuredMembers: Int
        let insuranceCoverageRate: Rate

        init(_ row: AnnualFigures) {
            year = row.year
            level = row.level.rawValue
            officeCode = row.officeCode
            officeName = row.officeName
            reliefHouseholds = row.reliefHouseholds
            reliefCash = row.reliefCash
            reliefGoods = row.reliefGoods
            reliefTotal = row.reliefTotal
            educationStudents = row.educationStudents
            educationCash = row.educationCash
            educationTotal = row.educationTotal
            modelWorkers = row.modelWorkers
            modelWorkerCash = row.modelWorkerCash
            modelWorkerGoods = row.modelWorkerGoods
            modelWorkerTotal = row.modelWorkerTotal
            holidayHouseholds = row.holidayHouseholds
            holidayVisits = row.holidayVisits
            holidayCash = row.holidayCash
            holidayTotal = row.holidayTotal
            aidTotal = row.aidTotal
            events = row.events
            participantTimes = row.participantTimes
            trainingParticipantTimes = row.trainingParticipantTimes
            activeMembers = row.activeMembers
            insuredMembers = row.insuredMembers
            insuranceCoverageRate = row.insuranceCoverageRate
        }
    }

    let from: Int
    let to: Int
    let rows: [Row]
}
