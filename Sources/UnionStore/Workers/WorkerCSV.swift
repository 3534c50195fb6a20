import Foundation
import UnionDomain

/// The worker CSV format shared by import and export: UTF-8 (a BOM is written for Excel and
/// accepted on import), a header row, RFC 4180 quoting, CRLF line ends on export.
package enum WorkerCSV {
    package static let columns = [
        "name", "id_number", "sex", "birth_date", "phone", "hukou", "employer", "occupation",
        "membership_status", "member_since", "member_card_number",
    ]

    /// One parsed record and the line it started on (the header is line 1).
    package struct Record: Sendable {
        package let line: Int
        package let input: WorkerInput
    }

    package enum ParseError: Error, Equatable {
        case missingHeader
        case unknownColumns([String])
        case missingColumns([String])
        case unterminatedQuote(line: Int)
    }

    /// Splits CSV text into rows of fields, each with its starting line.
    static func rows(_ text: String) throws(ParseError) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = iterator.next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                continue
            case "\n":
                fields.append(field)
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowStart, fields)) }
                fields = []
                field = ""
                line += 1
                rowStart = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: rowStart) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append((rowStart, fields))
        }
        return rows
    }

    /// Parses a whole file into records keyed by header names (any order; unknown columns are
    /// an error so a typo doesn't silently drop data).
    package static func parse(_ text: String) throws(ParseError) -> [Record] {
        let rows = try rows(text)
        guard let header = rows.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw .missingHeader
        }
        let unknown = header.filter { !columns.contains($0) }
        if !unknown.isEmpty { throw .unknownColumns(unknown) }
        let missing = ["name", "id_number"].filter { !header.contains($0) }
        if !missing.isEmpty { throw .missingColumns(missing) }
        return rows.dropFirst().map { row in
            var values: [String: String] = [:]
            for (index, name) in header.enumerated() where index < row.fields.count { values[name] = row.fields[index] }
            return Record(line: row.line, input: WorkerInput(
                name: values["name"], idNumber: values["id_number"], sex: values["sex"], birthDate: values["birth_date"],
                phone: values["phone"], hukou: values["hukou"], employer: values["employer"], occupation: values["occupation"],
                membershipStatus: values["membership_status"], memberSince: values["member_since"],
                memberCardNumber: values["member_card_number"]))
        }
    }

    /// One CSV line for a worker; `idNumber` is what the reader may see (masked or not).
    package static func line(_ worker: Worker, idNumber: String) -> String {
        [worker.name, idNumber, worker.sex.rawValue, worker.birthDate.description, worker.phone ?? "", worker.hukou?.rawValue ?? "",
         worker.employer ?? "", worker.occupation ?? "", worker.membershipStatus.rawValue, worker.memberSince?.description ?? "",
         worker.memberCardNumber ?? ""].map(quote).joined(separator: ",") + "\r\n"
    }

    package static var header: String { "\u{FEFF}" + columns.joined(separator: ",") + "\r\n" }

    static func quote(_ value: String) -> String {
        // Quote what needs it, and anything a spreadsheet would read as a formula.
        let needs = value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || value.first.map { "=+-@".contains($0) } == true
        return needs ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
