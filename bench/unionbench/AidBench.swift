import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PQ
import UnionDomain
import UnionStore

/// Set-up and load for `bench/run-aid.sh`: one fund, one emergency-relief program, a branch
/// officer who files and a reviewer who decides and pays; then cases filed, submitted,
/// approved and disbursed through the HTTP API by concurrent clients.
struct AidSetup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aid-setup",
                                                    abstract: "Fund, program, officer and reviewer tokens; prints them as shell assignments.")
    @OptionGroup var options: UnionBench.Options
    @Option(help: "How many cases the fund and the budget must pay.") var cases = 10_000

    func run() async throws {
        try await options.withDatabase { database in
            guard let admin = try await AuthStore(database: database).principal(username: "admin") else { throw StoreError.notFound }
            let branch = try await OfficeStore(database: database).find(admin, code: "b01")
            let users = UserStore(database: database)
            let officer = try await users.create(admin, try NewUser(username: "bench_officer", displayName: "录入员", officeID: branch.id,
                                                                    role: Role.branchOfficer.rawValue, password: "bench-password"))
            let reviewer = try await users.create(admin, try NewUser(username: "bench_reviewer", displayName: "审核员", officeID: admin.officeID,
                                                                     role: Role.areaReviewer.rawValue, password: "bench-password"))
            let tokens = TokenStore(database: database)
            let officerToken = try await tokens.issue(admin, user: officer.id, lifetime: .seconds(86_400), label: "bench").secret
            let reviewerToken = try await tokens.issue(admin, user: reviewer.id, lifetime: .seconds(86_400), label: "bench").secret
            let funds = FundStore(database: database)
            let fund = try await funds.create(admin, try FundFields(name: "压测资金", source: "district_allocation"))
            let total = "\(cases * 100).00"
            _ = try await funds.receive(admin, fund: fund.id, try ReceiptFields(amount: total, date: nil, payer: "bench", memo: nil, today: .today()))
            let program = try await AidProgramStore(database: database).create(admin, try AidProgramFields(AidProgramInput(
                kind: "emergency_relief", name: "压测意外救助", year: CalendarDate.today().year, fundID: fund.id.description, budget: total,
                standards: ["flat": "100.00"])))
            print("OFFICER_TOKEN=\(officerToken) REVIEWER_TOKEN=\(reviewerToken) PROGRAM=\(program.id) FUND=\(fund.id)")
        }
    }
}

/// The load: every worker id in `--workers` gets a case; `--clients` tasks work through them.
/// Phase 1 files, submits and approves; phase 2 disburses (with an Idempotency-Key each) and is
/// what the disbursement figures measure.
struct AidRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aid-run", abstract: "File, approve and disburse a case per worker over HTTP.")
    @Option var base: String
    @Option var workers: String
    @Option var program: String
    @Option var officerToken: String
    @Option var reviewerToken: String
    @Option var clients = 32

    func run() async throws {
        let ids = try String(contentsOfFile: workers, encoding: .utf8).split(separator: "\n").map(String.init)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = clients
        let session = URLSession(configuration: configuration)
        let client = Client(session: session, base: base)

        let filed = Collected()
        let start = ContinuousClock.now
        try await Self.parallel(ids, clients: clients) { worker in
            let body = #"{"worker_id": "\#(worker)", "program_id": "\#(program)", "reason": "压测"}"#
            let created = try await client.post("/api/v1/aid-cases", token: officerToken, body: body)
            guard created.status == 201, let id = created.json["id"] as? String else { throw BenchError("create: \(created.status)") }
            guard try await client.post("/api/v1/aid-cases/\(id)/submit", token: officerToken).status == 200,
                  try await client.post("/api/v1/aid-cases/\(id)/approve", token: reviewerToken).status == 200 else {
                throw BenchError("submit/approve failed")
            }
            await filed.add(id: id, latency: .zero)
        }
        let phase1 = ContinuousClock.now - start
        let cases = await filed.ids

        let paid = Collected()
        let start2 = ContinuousClock.now
        try await Self.parallel(cases, clients: clients) { id in
            let began = ContinuousClock.now
            let reply = try await client.post("/api/v1/aid-cases/\(id)/disburse", token: reviewerToken, body: #"{"method": "member_card"}"#,
                                              key: "bench-\(id)")
            guard reply.status == 200 else { throw BenchError("disburse: \(reply.status)") }
            await paid.add(id: id, latency: ContinuousClock.now - began)
        }
        let phase2 = ContinuousClock.now - start2
        let latencies = await paid.latencies.sorted()
        func ms(_ duration: Duration) -> Double { Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15 }
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : ms(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) }
        print(String(format: "cases=%d filed_per_second=%.0f disbursed=%d disbursements_per_second=%.0f p50_ms=%.1f p99_ms=%.1f",
                     cases.count, Double(cases.count) / (ms(phase1) / 1000), latencies.count, Double(latencies.count) / (ms(phase2) / 1000),
                     percentile(0.50), percentile(0.99)))
    }

    static func parallel(_ items: [String], clients: Int, _ work: @escaping @Sendable (String) async throws -> Void) async throws {
        let queue = WorkQueue(items)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while let item = await queue.next() { try await work(item) }
                }
            }
            try await group.waitForAll()
        }
    }
}

actor WorkQueue {
    private var items: [String]
    private var index = 0
    init(_ items: [String]) { self.items = items }
    func next() -> String? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

actor Collected {
    private(set) var ids: [String] = []
    private(set) var latencies: [Duration] = []
    func add(id: String, latency: Duration) {
        ids.append(id)
        latencies.append(latency)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A few lines of HTTP over URLSession: enough for a load generator, nothing to reuse.
struct Client: Sendable {
    let session: URLSession
    let base: String

    struct Reply {
        let status: Int
        let json: [String: Any]
    }

    func post(_ path: String, token: String, body: String? = nil, key: String? = nil) async throws -> Reply {
        guard let url = URL(string: base + path) else { throw BenchError("bad url \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let key { request.setValue(key, forHTTPHeaderField: "Idempotency-Key") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Reply(status: status, json: (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }
}
