import UnionDomain

/// The annual summary (年度统计): the flat table CSV and the API's CSV write, and the
/// document people read, with its four charts.
package enum AnnualReport {
    /// Every column of `reporting.annual_summary`, in its order, with labels.
    package static let columns: [ReportColumn] = [
        ReportColumn("year", "年度", "Year"),
        ReportColumn("level", "层级", "Level"),
        ReportColumn("office_code", "单位代码", "Office code"),
        ReportColumn("office_name", "单位", "Office"),
        ReportColumn("relief_households", "帮扶救助户数", "Relief households"),
        ReportColumn("relief_cash", "帮扶救助现金", "Relief cash"),
        ReportColumn("relief_goods", "帮扶救助物资", "Relief goods"),
        ReportColumn("relief_total", "帮扶救助资金", "Relief total"),
        ReportColumn("education_students", "金秋助学人数", "Students"),
        ReportColumn("education_cash", "助学现金", "Education cash"),
        ReportColumn("education_total", "助学金", "Education total"),
        ReportColumn("model_workers", "劳模人数", "Model workers"),
        ReportColumn("model_worker_cash", "劳模救助金", "Model worker cash"),
        ReportColumn("model_worker_goods", "劳模慰问品", "Model worker goods"),
        ReportColumn("model_worker_total", "劳模帮扶合计", "Model worker total"),
        ReportColumn("holiday_households", "走访慰问户数", "Households visited"),
        ReportColumn("holiday_visits", "慰问次数", "Visits"),
        ReportColumn("holiday_cash", "慰问现金", "Holiday cash"),
        ReportColumn("holiday_total", "慰问金", "Holiday total"),
        ReportColumn("aid_total", "帮扶总额", "All aid"),
        ReportColumn("events", "活动场次", "Events"),
        ReportColumn("participant_times", "参与人次", "Participant-times"),
        ReportColumn("training_participant_times", "培训竞赛人次", "Training participant-times"),
        ReportColumn("active_members", "在会会员", "Active members"),
        ReportColumn("insured_members", "参保会员", "Insured members"),
        ReportColumn("insurance_coverage_rate", "参保率", "Coverage rate"),
    ]

    package static func cells(_ row: AnnualFigures) -> [ReportCell] {
        [.plain(row.year), ReportTerms.level(row.level), .text(row.officeCode), .text(row.officeName),
         .count(row.reliefHouseholds), .money(row.reliefCash), .money(row.reliefGoods), .money(row.reliefTotal),
         .count(row.educationStudents), .money(row.educationCash), .money(row.educationTotal),
         .count(row.modelWorkers), .money(row.modelWorkerCash), .money(row.modelWorkerGoods), .money(row.modelWorkerTotal),
         .count(row.holidayHouseholds), .count(row.holidayVisits), .money(row.holidayCash), .money(row.holidayTotal),
         .money(row.aidTotal), .count(row.events), .count(row.participantTimes), .count(row.trainingParticipantTimes),
         .count(row.activeMembers), .count(row.insuredMembers), .rate(row.insuranceCoverageRate)]
    }

    /// Every row with every column: what CSV writes, here and in the API.
    package static func table(_ rows: [AnnualFigures]) -> ReportTable {
        ReportTable(title: ReportLabel("年度统计", "Annual summary"), columns: columns, rows: rows.map(cells),
                    totalRows: Set(rows.indices.filter { rows[$0].level == .area }))
    }

    /// The themed tables of one year, each narrow enough for an A4 page.
    static let themes: [(ReportLabel, [String])] = [
        (ReportLabel("帮扶救助与金秋助学", "Relief and education grants"),
         ["relief_households", "relief_cash", "relief_goods", "relief_total", "education_students", "education_cash", "education_total"]),
        (ReportLabel("劳模帮扶与节日慰问", "Model workers and holiday visits"),
         ["model_workers", "model_worker_cash", "model_worker_goods", "model_worker_total", "holiday_households", "holiday_visits",
          "holiday_cash", "holiday_total"]),
        (ReportLabel("活动、互助保障与帮扶总额", "Activities, mutual insurance and all aid"),
         ["events", "participant_times", "training_participant_times", "active_members", "insured_members", "insurance_coverage_rate",
          "aid_total"]),
    ]

    package static func document(years: ReportYears, scope: String, generatedOn: String, rows: [AnnualFigures], months: [AidMonthRow],
                                 participation: [ParticipationRow]) -> ReportDocument {
        let areaCodes = Set(rows.filter { $0.level == .area }.map(\.officeCode))
        var sections: [ReportSection] = []
        for year in years.years {
            let ofYear = rows.filter { $0.year == year }
            var blocks: [ReportBlock] = themes.map { title, keys in
                let picked = keys.compactMap { key in columns.firstIndex { $0.key == key } }
                return .table(ReportTable(
                    title: title, columns: [ReportColumn("office_name", "单位", "Office")] + picked.map { columns[$0] },
                    rows: ofYear.map { row in
                        let all = cells(row)
                        return [ReportCell.text(row.level == .area ? "\(row.officeName)（全区合计）" : row.officeName)] + picked.map { all[$0] }
                    },
                    totalRows: Set(ofYear.indices.filter { ofYear[$0].level == .area })))
            }
            blocks.append(.chart(AidReport.monthChart(year: year, months)))
            sections.append(ReportSection(heading: ReportLabel("\(year)年", "\(year)"), blocks: blocks))
        }
        let last = rows.filter { $0.year == years.to && $0.level == .office && !areaCodes.contains($0.officeCode) }
        sections.append(ReportSection(heading: ReportLabel("分单位与分类图表", "Charts by branch and kind"), blocks: [
            .chart(ReportChart(
                title: ReportLabel("\(years.to)年各单位帮扶户数（帮扶救助 / 走访慰问）", "Households helped by branch, \(years.to) (relief / holiday visits)"),
                unit: .count, series: [ReportLabel("帮扶救助户数", "relief"), ReportLabel("走访慰问户数", "holiday visits")],
                categories: last.map(\.officeName),
                values: last.map { [Int64($0.reliefHouseholds), Int64($0.holidayHouseholds)] },
                barLabels: last.map { "\(NumberText.grouped(Int64($0.reliefHouseholds))) / \(NumberText.grouped(Int64($0.holidayHouseholds)))" })),
            .chart(ReportChart(
                title: ReportLabel("\(years.to)年各单位互助保障参保率", "Mutual insurance coverage by branch, \(years.to)"),
                unit: .count, series: [ReportLabel("已参保", "insured"), ReportLabel("未参保", "not insured")],
                categories: last.map(\.officeName),
                values: last.map { [Int64($0.insuredMembers), Int64(max($0.activeMembers - $0.insuredMembers, 0))] },
                barLabels: last.map { "\($0.insuranceCoverageRate.percent) (\($0.insuredMembers)/\($0.activeMembers))" })),
            .chart(ActivitiesReport.kindChart(
                title: ReportLabel("\(years.from == years.to ? "\(years.from)" : "\(years.from)–\(years.to)")年各类活动参与人次",
                                   "Participant-times by kind of activity"), participation)),
        ]))
        return ReportDocument(
            title: ReportLabel("工会年度统计报告", "Annual report"),
            subtitle: "\(span(years))  ·  \(scope)  ·  生成于 generated \(generatedOn)（北京时间）",
            data: [table(rows)], sections: sections)
    }

    static func span(_ years: ReportYears) -> String {
        years.from == years.to ? "\(years.from)年" : "\(years.from)–\(years.to)年"
    }
}
