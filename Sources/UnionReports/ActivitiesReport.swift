import UnionDomain

/// Activities and participant-times (`reporting.activity_participation`).
package enum ActivitiesReport {
    static let columns: [ReportColumn] = [
        ReportColumn("year", "年度", "Year"),
        ReportColumn("office_code", "单位代码", "Office code"),
        ReportColumn("office_name", "组织单位", "Organiser"),
        ReportColumn("kind", "活动类别", "Kind"),
        ReportColumn("events", "场次", "Events"),
        ReportColumn("named_participants", "实名参与", "Named participants"),
        ReportColumn("head_count", "计数参与", "Head count"),
        ReportColumn("participant_times", "参与人次", "Participant-times"),
    ]

    static func cells(_ row: ParticipationRow) -> [ReportCell] {
        [.plain(row.year), .text(row.officeCode), .text(row.officeName), ReportTerms.term(row.kind), .count(row.events),
         .count(row.namedParticipants), .count(row.headCount), .count(row.participantTimes)]
    }

    /// Participant-times summed by kind, a bar per kind.
    static func kindChart(title: ReportLabel, _ rows: [ParticipationRow]) -> ReportChart {
        let kinds = ReportTerms.activityKinds
        return ReportChart(title: title, unit: .count, series: [ReportLabel("参与人次", "participant-times")],
                           categories: kinds.map(\.zh),
                           values: kinds.map { kind in [rows.filter { $0.kind == kind.code }.reduce(Int64(0)) { $0 + Int64($1.participantTimes) }] })
    }

    package static func document(years: ReportYears, scope: String, generatedOn: String, rows: [ParticipationRow]) -> ReportDocument {
        let table = ReportTable(title: ReportLabel("活动参与", "Participation"), columns: columns, rows: rows.map(cells))
        let sections = years.years.map { year in
            let ofYear = rows.filter { $0.year == year }
            return ReportSection(heading: ReportLabel("\(year)年", "\(year)"), blocks: [
                .table(ReportTable(title: ReportLabel("分单位分类别", "By organiser and kind"), columns: Array(columns.dropFirst(2)),
                                   rows: ofYear.map { Array(cells($0).dropFirst(2)) })),
                .chart(kindChart(title: ReportLabel("\(year)年各类活动参与人次", "Participant-times by kind, \(year)"), ofYear)),
            ])
        }
        return ReportDocument(title: ReportLabel("职工活动参与统计", "Activities report"),
                              subtitle: "\(AnnualReport.span(years))  ·  \(scope)  ·  生成于 generated \(generatedOn)（北京时间）",
                              data: [table], sections: sections)
    }
}
