import Foundation
import Testing
import UnionTestSupport

/// Two `unionhall` processes on one database, as behind a proxy (issue 15, part 5).
@Suite("Several servers on one database")
struct SeveralServersTests {
    static let cacheMilliseconds = 1500

    @Test func twoServersAnswerAlikeAndARevocationReachesTheOtherWithinTheCacheTime() async throws {
        try await TestDatabase.with { database in
            let federation = try await Federation.make(database)
            let admin = try #require(federation.tokens["admin"])
            let url = database.conninfo(user: "unionhall_app")
            let environment = ["UNIONHALL_AUTH_CACHE_MS": "\(Self.cacheMilliseconds)"]
            try await ServerProcess.with(databaseURL: url, environment: environment) { a in
                try await ServerProcess.with(databaseURL: url, environment: environment) { b in
                    // Written through one, read through both.
                    let fund = try await GracefulRestartTests.createFund(port: a.port, token: admin)
                    let receipt = await Receipt.post(port: b.port, fund: fund, token: admin, key: UUID().uuidString)
                    #expect(receipt.status == 201, "\(receipt)")
                    for path in ["/api/v1/me", "/api/v1/offices", "/api/v1/users", "/api/v1/funds", "/api/v1/funds/\(fund)",
                                 "/api/v1/funds/\(fund)/ledger"] {
                        let throughA = await RawHTTP.send(port: a.port, "GET", path, token: admin)
                        let throughB = await RawHTTP.send(port: b.port, "GET", path, token: admin)
                        #expect(throughA.status == 200, "\(path): \(throughA)")
                        #expect(throughA.body == throughB.body, "\(path)")
                    }

                    // A session used on B (so B caches it), ended through A.
                    let login = await RawHTTP.send(port: b.port, "POST", "/api/v1/auth/login",
                                                   body: #"{"username": "officer_a", "password": "\#(Federation.password)"}"#)
                    let token = try #require(Self.token(in: login), "\(login)")
                    #expect(await RawHTTP.send(port: b.port, "GET", "/api/v1/me", token: token).status == 200)
                    #expect(await RawHTTP.send(port: a.port, "GET", "/api/v1/me", token: token).status == 200)
                    let logout = await RawHTTP.send(port: a.port, "POST", "/api/v1/auth/logout", token: token)
                    #expect(logout.status == 204, "\(logout)")
                    let loggedOut = ContinuousClock.now
                    // Immediate on the server that revoked it.
                    #expect(await RawHTTP.send(port: a.port, "GET", "/api/v1/me", token: token).status == 401)
                    // On the other, within its cache time (polled; bounded well past it).
                    var refusedAfter: Duration?
                    while ContinuousClock.now - loggedOut < .milliseconds(Self.cacheMilliseconds * 5) {
                        let status = await RawHTTP.send(port: b.port, "GET", "/api/v1/me", token: token).status
                        if status == 401 {
                            refusedAfter = ContinuousClock.now - loggedOut
                            break
                        }
                        #expect(status == 200)
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    let lag = try #require(refusedAfter, "server B still accepts the revoked token")
                    // The cache time plus a margin for a loaded machine (the poll, the round trip).
                    #expect(lag <= .milliseconds(Self.cacheMilliseconds) + .seconds(2), "refused after \(lag)")
                }
            }
        }
    }

    static func token(in outcome: RawHTTP.Outcome) -> String? {
        guard let data = outcome.body?.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["token"] as? String
    }
}
