import Foundation
import UnionDomain

/// Realistic, deterministic people for demo data and benchmarks: Chinese names and valid
/// resident ID numbers (Beijing district codes, real birth dates, correct check digits).
package struct DemoPeople: Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
    static let givenMale = Array("伟强磊军勇杰涛明超辉刚健斌鹏华平波宇浩凯飞俊峰建国志东海林亮成")
    static let givenFemale = Array("芳娜敏静丽艳娟霞秀英华玲燕红梅萍莉丹雪琳洁婷慧颖倩佳月兰凤琴")
    static let districts = ["110101", "110102", "110105", "110106", "110107", "110108", "110111", "110112", "110113", "110114"]
    static let employers = ["郭庄子村经济合作社", "北京市某物流有限公司", "某建筑工程有限公司", "村委会", "某食品厂", "某物业服务中心", nil]
    static let occupations = ["保洁员", "司机", "电工", "厨师", "保安", "会计", "营业员", "农民", "护工", nil]
    static let schools = ["郭庄子小学", "朝阳区第二中学", "北京市第八十中学", "北京工业大学", "北京联合大学", "北京电子科技职业学院"]

    /// A small fast generator (SplitMix64), so the same seed gives the same people.
    package mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }

    package mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }

    package mutating func name(sex: Sex) -> String {
        let given = sex == .male ? Self.givenMale : Self.givenFemale
        return String(pick(Self.surnames)) + String(pick(given)) + (next(3) == 0 ? "" : String(pick(given)))
    }

    /// A valid ID number for someone born in `years`; `serial` makes it unique.
    package mutating func idNumber(sex: Sex, born years: ClosedRange<Int>, serial: Int) -> String {
        let year = years.lowerBound + next(years.count)
        let month = 1 + next(12)
        let day = 1 + next(28)
        // The sequence code's last digit carries the sex; the serial spreads over the district too.
        let district = Self.districts[serial % Self.districts.count]
        let sequence = (serial / Self.districts.count) % 500 * 2 + (sex == .male ? 1 : 0)
        let body = district + String(format: "%04d%02d%02d%03d", year, month, day, sequence)
        return body + String(ResidentID.checkCharacter(for: body) ?? "0")
    }

    package mutating func phone() -> String {
        "1" + String(pick(["3", "5", "7", "8", "9"])) + String(format: "%09d", next(1_000_000_000))
    }

    /// A worker's fields as CSV-ready input.
    package mutating func worker(serial: Int) -> WorkerInput {
        let sex: Sex = next(2) == 0 ? .male : .female
        let id = idNumber(sex: sex, born: 1962...2000, serial: serial)
        // Joined at 18 or later (nobody joins under 16), and not after last year.
        let born = Int(id.dropFirst(6).prefix(4)) ?? 1980
        let memberYear = min(max(2005 + next(20), born + 18), 2024)
        return WorkerInput(
            name: name(sex: sex), idNumber: id, phone: next(5) == 0 ? nil : phone(), hukou: next(3) == 0 ? "urban" : "rural",
            employer: pick(Self.employers), occupation: pick(Self.occupations), membershipStatus: next(20) == 0 ? "retired" : "active",
            memberSince: String(format: "%04d-%02d-01", memberYear, 1 + next(12)),
            memberCardNumber: String(format: "GH%08d", serial))
    }
}
